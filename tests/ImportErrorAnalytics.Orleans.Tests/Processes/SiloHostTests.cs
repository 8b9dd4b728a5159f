using System.Text.RegularExpressions;
using ImportErrorAnalytics.Orleans.Tests.PostgreSql;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;

namespace ImportErrorAnalytics.Orleans.Tests.Processes;

/// <summary>The <c>iea-silo</c> process itself: its help, its refusals and exit codes, and its telemetry switches.</summary>
[Slow(SlowKind.Process)]
public sealed partial class SiloHostTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Password = "s3cret-pw-4711";
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_ListsEveryOption_AndEachIsDocumented_ExitCodeZero()
    {
        using var silo = SiloProcess.Start(new Dictionary<string, string>(), ["--help"]);
        Assert.Equal(0, await silo.ExitAsync(Exit));

        var help = string.Join('\n', silo.StandardOutput);
        var options = OptionLine().Matches(help).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("ensure-schema", options);
        Assert.Contains("console-telemetry", options);
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "orleans.md"));
        Assert.All(options, option => Assert.Contains($"--{option}", docs, StringComparison.Ordinal));
        Assert.All(["IEA_POSTGRES", "IEA_TOKEN_", "0  stopped", "2  invalid", "3  PostgreSQL", "4  the silo"], text => Assert.Contains(text, help, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidConfiguration_ExitsWithTwo_NamingEveryProblem_NeverThePassword()
    {
        using var silo = SiloProcess.Start(
            new Dictionary<string, string> { ["IEA_POSTGRES"] = $"Host=127.0.0.1;Password={Password};No Such Key=1", ["IEA_BUDGET"] = "0" },
            ["--silo-port", "70000", "--budgets", "a=5,a=6", "--reminder-period", "soon", "--postgres", $"Password={Password}"]);

        Assert.Equal(2, await silo.ExitAsync(Exit));
        var output = string.Join('\n', silo.Output);
        Assert.Contains("--silo-port (IEA_SILO_PORT): '70000'", output, StringComparison.Ordinal);
        Assert.Contains("--budget (IEA_BUDGET): '0'", output, StringComparison.Ordinal);
        Assert.Contains("the account 'a' is named twice", output, StringComparison.Ordinal);
        Assert.Contains("--reminder-period (IEA_REMINDER_PERIOD): 'soon'", output, StringComparison.Ordinal);
        Assert.Contains("IEA_POSTGRES is not an Npgsql connection string", output, StringComparison.Ordinal);
        Assert.Contains("read from IEA_POSTGRES only", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableDatabase_ExitsWithThree_NeverThePassword()
    {
        using var silo = SiloProcess.Start(
            new Dictionary<string, string> { ["IEA_POSTGRES"] = $"Host=127.0.0.1;Port=1;Username=nobody;Password={Password};Timeout=3" }, []);

        Assert.Equal(3, await silo.ExitAsync(Exit));
        var output = string.Join('\n', silo.Output);
        Assert.Contains("PostgreSQL (IEA_POSTGRES) cannot be used", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_NoExporterByDefault_TheConsoleOnePrintsTheMetersInstruments()
    {
        await database.CreateSchemaAsync();
        // Export every half second, if anything exports at all.
        var often = new Dictionary<string, string> { ["OTEL_METRIC_EXPORT_INTERVAL"] = "500" };
        await using var cluster = new ProcessCluster(database.ConnectionString, []);
        var quiet = (await cluster.StartSilosAsync(1, environment: often)).Single();
        var loud = (await cluster.StartSilosAsync(1, ["--console-telemetry"], often)).Single();

        var lines = await Eventually.ResultAsync(
            () => Task.FromResult(loud.StandardOutput), o => o.Any(l => l.Contains("Metric Name: orleans-", StringComparison.Ordinal)), TimeSpan.FromMinutes(1), "the console exporter's metrics");
        Assert.Contains(lines, l => l.Contains("Microsoft.Orleans", StringComparison.Ordinal));
        // The exporter may write before the silo is ready; the ready line is there once, whole, on a line of its own.
        Assert.Single(loud.StandardOutput, l => l.StartsWith("iea-silo ready {", StringComparison.Ordinal));

        // The quiet silo ran as long, with the same export interval: its stdout is the ready line and nothing else.
        Assert.Equal(["iea-silo ready "], quiet.StandardOutput.Select(l => l[.."iea-silo ready ".Length]));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImportErrorAnalytics.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No repository root above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^  --([a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex OptionLine();
}
