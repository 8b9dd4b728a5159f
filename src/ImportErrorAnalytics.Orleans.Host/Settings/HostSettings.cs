using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImportErrorAnalytics.Orleans.Host.Settings;

/// <summary>
/// The host's settings, read from the environment (<c>IEA_*</c>) and then the command line (which wins), and checked:
/// every problem is collected with the option's two spellings, so one run reports them all.
/// </summary>
internal sealed class HostSettings
{
    public required string ConnectionString { get; init; }

    public string ClusterId { get; init; } = "iea";

    public string ServiceId { get; init; } = "iea";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    public IPAddress AdvertisedIp { get; init; } = IPAddress.Loopback;

    public int Budget { get; init; } = 100;

    public IReadOnlyDictionary<string, int> Budgets { get; init; } = new Dictionary<string, int>();

    public Uri? HubSpotBaseAddress { get; init; }

    public IReadOnlyDictionary<string, Uri> HubSpotBaseAddresses { get; init; } = new Dictionary<string, Uri>();

    public int? PageLimit { get; init; }

    public TimeSpan? AttemptTimeout { get; init; }

    public TimeSpan? ProbeTimeout { get; init; }

    public int? MissedProbes { get; init; }

    public int? Votes { get; init; }

    public TimeSpan? IAmAlivePeriod { get; init; }

    public TimeSpan ReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan ImportCheckPeriod { get; init; } = TimeSpan.FromSeconds(30);

    public bool EnsureSchema { get; init; }

    public bool ConsoleTelemetry { get; init; }

    /// <summary>The OTLP endpoint given to the host; <see langword="null"/> leaves OpenTelemetry's own variables to decide.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Whether OTLP export is on: an endpoint given here or in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public bool Otlp { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public int BudgetFor(string accountId) => Budgets.TryGetValue(accountId, out var budget) ? budget : Budget;

    public Uri? BaseAddressFor(string accountId) => HubSpotBaseAddresses.TryGetValue(accountId, out var address) ? address : HubSpotBaseAddress;

    /// <summary>Reads and checks the settings; <see langword="null"/> with <paramref name="errors"/> filled when they are not usable.</summary>
    public static HostSettings? Read(IConfiguration configuration, string? connectionString, string? otelEndpointVariable, List<string> errors)
    {
        var reader = new Reader(configuration, errors);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add($"{SiloOptions.ConnectionStringVariable} is not set: the PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Database=iea;Username=iea;Password=... (read from the environment only).");
        }
        else if (!IsConnectionString(connectionString))
        {
            // Not quoted: it may hold a password.
            errors.Add($"{SiloOptions.ConnectionStringVariable} is not an Npgsql connection string (key=value pairs separated by ';').");
        }

        var otlpEndpoint = reader.AbsoluteUri(SiloOptions.OtlpEndpoint);
        var settings = new HostSettings
        {
            ConnectionString = connectionString ?? "",
            ClusterId = reader.Id(SiloOptions.ClusterId) ?? "iea",
            ServiceId = reader.Id(SiloOptions.ServiceId) ?? "iea",
            SiloPort = reader.Port(SiloOptions.SiloPort) ?? 11111,
            GatewayPort = reader.Port(SiloOptions.GatewayPort) ?? 30000,
            AdvertisedIp = reader.Ip(SiloOptions.AdvertisedIp) ?? IPAddress.Loopback,
            Budget = reader.Int(SiloOptions.Budget, 1, 100_000) ?? 100,
            Budgets = reader.PerAccount(SiloOptions.Budgets, text => (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000, n), "a budget from 1 to 100000"),
            HubSpotBaseAddress = reader.AbsoluteUri(SiloOptions.HubSpotBaseAddress),
            HubSpotBaseAddresses = reader.PerAccount(SiloOptions.HubSpotBaseAddresses, text => Reader.HttpUri(text) is { } uri ? (true, uri) : (false, null!), "an absolute http or https address"),
            PageLimit = reader.Int(SiloOptions.PageLimit, 1, 1000),
            AttemptTimeout = reader.Seconds(SiloOptions.AttemptTimeout),
            ProbeTimeout = reader.Seconds(SiloOptions.ProbeTimeout),
            MissedProbes = reader.Int(SiloOptions.MissedProbes, 1, 100),
            Votes = reader.Int(SiloOptions.Votes, 1, 100),
            IAmAlivePeriod = reader.Seconds(SiloOptions.IAmAlivePeriod),
            ReminderPeriod = reader.Seconds(SiloOptions.ReminderPeriod) ?? TimeSpan.FromMinutes(1),
            ImportCheckPeriod = reader.Seconds(SiloOptions.ImportCheckPeriod) ?? TimeSpan.FromSeconds(30),
            EnsureSchema = reader.Flag(SiloOptions.EnsureSchema),
            ConsoleTelemetry = reader.Flag(SiloOptions.ConsoleTelemetry),
            OtlpEndpoint = otlpEndpoint,
            Otlp = otlpEndpoint is not null || !string.IsNullOrWhiteSpace(otelEndpointVariable),
            LogLevel = reader.Level(SiloOptions.LogLevel) ?? LogLevel.Information,
        };
        return errors.Count == 0 ? settings : null;
    }

    private static bool IsConnectionString(string text)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Reads one option at a time; each bad value adds an error naming the option and the value.</summary>
    private sealed class Reader(IConfiguration configuration, List<string> errors)
    {
        public string? Id(HostOption option)
        {
            var text = Text(option);
            if (text is null)
            {
                return null;
            }

            if (text.Length is 0 or > 100 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                Bad(option, text, "1 to 100 letters, digits, '-', '_' or '.'");
            }

            return text;
        }

        public int? Port(HostOption option) => Int(option, 0, 65535);

        public int? Int(HostOption option, int min, int max)
        {
            var text = Text(option);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Bad(option, text, $"a whole number from {min} to {max}");
            return null;
        }

        public TimeSpan? Seconds(HostOption option)
        {
            var text = Text(option);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 86_400)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            Bad(option, text, "seconds above 0 and at most 86400 (e.g. 1.5)");
            return null;
        }

        public IPAddress? Ip(HostOption option)
        {
            var text = Text(option);
            if (text is null)
            {
                return null;
            }

            if (IPAddress.TryParse(text, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
            {
                return address;
            }

            Bad(option, text, "an IP address others can reach (not 0.0.0.0)");
            return null;
        }

        public Uri? AbsoluteUri(HostOption option)
        {
            var text = Text(option);
            if (text is null)
            {
                return null;
            }

            if (HttpUri(text) is { } uri)
            {
                return uri;
            }

            Bad(option, text, "an absolute http or https address");
            return null;
        }

        public static Uri? HttpUri(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

        public bool Flag(HostOption option)
        {
            var text = Text(option);
            if (text is null)
            {
                return false;
            }

            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            Bad(option, text, "true or false");
            return false;
        }

        public LogLevel? Level(HostOption option)
        {
            var text = Text(option);
            if (text is null)
            {
                return null;
            }

            if (Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _))
            {
                return level;
            }

            Bad(option, text, "Trace, Debug, Information, Warning, Error, Critical or None");
            return null;
        }

        /// <summary>Reads <c>ACCOUNT=VALUE,ACCOUNT=VALUE</c>; an account named twice is an error.</summary>
        public Dictionary<string, T> PerAccount<T>(HostOption option, Func<string, (bool Ok, T Value)> parse, string what)
        {
            var result = new Dictionary<string, T>(StringComparer.Ordinal);
            var text = Text(option);
            if (text is null)
            {
                return result;
            }

            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var account = equals > 0 ? part[..equals].Trim() : "";
                var (ok, value) = equals > 0 ? parse(part[(equals + 1)..].Trim()) : (false, default!);
                if (account.Length == 0 || !ok)
                {
                    errors.Add($"{option.Display}: '{part}' is not ACCOUNT=VALUE with {what}.");
                }
                else if (!result.TryAdd(account, value))
                {
                    errors.Add($"{option.Display}: the account '{account}' is named twice.");
                }
            }

            return result;
        }

        private string? Text(HostOption option) => configuration[option.Key] is { } text ? text.Trim() : null;

        private void Bad(HostOption option, string text, string expected) =>
            errors.Add($"{option.Display}: '{text}' is not {expected}.");
    }
}
