using System.Text.Json;
using ImportErrorAnalytics.Orleans.Host;
using ImportErrorAnalytics.Orleans.Host.Hosting;
using ImportErrorAnalytics.Orleans.Host.Settings;
using ImportErrorAnalytics.Orleans.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;

var errors = new List<string>();
var arguments = CommandLine.Parse(args, errors);
if (arguments.ContainsKey(SiloOptions.Help.Key))
{
    Console.Out.Write(HelpText.Text);
    return ExitCodes.Stopped;
}

var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables(SiloOptions.EnvironmentPrefix)
    .AddInMemoryCollection(arguments)
    .Build();
var settings = HostSettings.Read(
    configuration,
    Environment.GetEnvironmentVariable(SiloOptions.ConnectionStringVariable),
    Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"),
    errors);
if (settings is null || errors.Count > 0)
{
    Console.Error.WriteLine("iea-silo: invalid configuration:");
    foreach (var error in errors)
    {
        Console.Error.WriteLine("  " + error);
    }

    Console.Error.WriteLine("See iea-silo --help.");
    return ExitCodes.InvalidConfiguration;
}

try
{
    var connection = new NpgsqlConnection(settings.ConnectionString);
    await using (connection.ConfigureAwait(false))
    {
        await connection.OpenAsync().ConfigureAwait(false);
    }

    if (settings.EnsureSchema)
    {
        await OrleansPostgresSchema.EnsureCreatedAsync(settings.ConnectionString).ConfigureAwait(false);
    }
}
catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"iea-silo: PostgreSQL ({SiloOptions.ConnectionStringVariable}) cannot be used: {Redacted(ex, settings.ConnectionString)}");
    return ExitCodes.Database;
}

var (host, siloPort, gatewayPort) = SiloHost.Build(settings);
using (host)
{
    try
    {
        await host.StartAsync().ConfigureAwait(false);
    }
    catch (Exception ex)
    {
        Console.Error.WriteLine($"iea-silo: the silo did not start: {Redacted(ex, settings.ConnectionString)}");
        return ExitCodes.SiloStart;
    }

    var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
    var ready = new Dictionary<string, object>
    {
        ["silo"] = silo.ToString(),
        ["address"] = settings.AdvertisedIp.ToString(),
        ["siloPort"] = siloPort,
        ["gatewayPort"] = gatewayPort,
        ["pid"] = Environment.ProcessId,
        ["clusterId"] = settings.ClusterId,
        ["serviceId"] = settings.ServiceId,
    };
    Console.Out.WriteLine("iea-silo ready " + JsonSerializer.Serialize(ready));
    Console.Out.Flush();
    try
    {
        await host.WaitForShutdownAsync().ConfigureAwait(false);
    }
    catch (Exception ex)
    {
        Console.Error.WriteLine($"iea-silo: stopped by an error: {Redacted(ex, settings.ConnectionString)}");
        return ExitCodes.Unexpected;
    }
}

return ExitCodes.Stopped;

// An exception's type and message, with the connection string's password cut out should a message quote it.
static string Redacted(Exception ex, string connectionString)
{
    var message = $"{ex.GetType().Name}: {ex.Message}";
    var password = new NpgsqlConnectionStringBuilder(connectionString).Password;
    return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
}
