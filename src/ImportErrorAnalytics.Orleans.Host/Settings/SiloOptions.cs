namespace ImportErrorAnalytics.Orleans.Host.Settings;

/// <summary>Every setting of the host, in the order <c>--help</c> lists them.</summary>
internal static class SiloOptions
{
    /// <summary>The prefix of the host's environment variables.</summary>
    public const string EnvironmentPrefix = "IEA_";

    /// <summary>The variable with the PostgreSQL connection string (environment only: a command line is visible to every user).</summary>
    public const string ConnectionStringVariable = EnvironmentPrefix + "POSTGRES";

    /// <summary>The prefix of the variables with the accounts' tokens.</summary>
    public const string TokenVariablePrefix = EnvironmentPrefix + "TOKEN_";

    public static readonly HostOption ClusterId = new("cluster-id", "ID", "The cluster's id; silos and clients of one cluster share it and the database. Default: iea.");
    public static readonly HostOption ServiceId = new("service-id", "ID", "The service id, which names grain state and reminders in the database; keep it across deployments. Default: iea.");
    public static readonly HostOption SiloPort = new("silo-port", "PORT", "The port silos talk to each other on; 0 picks a free one (printed in the ready line). Default: 11111.");
    public static readonly HostOption GatewayPort = new("gateway-port", "PORT", "The port clients connect to; 0 picks a free one. Default: 30000.");
    public static readonly HostOption AdvertisedIp = new("advertised-ip", "IP", "The address other silos and clients reach this silo at (it also listens there). Default: 127.0.0.1.");
    public static readonly HostOption Budget = new("budget", "N", "Requests per 10 s an account may send HubSpot (its burst budget), for accounts --budgets does not name. Default: 100.");
    public static readonly HostOption Budgets = new("budgets", "ACCOUNT=N,...", "Per-account budgets, e.g. portal-1001=190,portal-1002=100.");
    public static readonly HostOption HubSpotBaseAddress = new("hubspot-base-address", "URL", "HubSpot's API address for accounts --hubspot-base-addresses does not name. Default: https://api.hubapi.com.");
    public static readonly HostOption HubSpotBaseAddresses = new("hubspot-base-addresses", "ACCOUNT=URL,...", "Per-account API addresses (e.g. a test server per account).");
    public static readonly HostOption PageLimit = new("page-limit", "N", "Errors per page asked of HubSpot (limit). Default: HubSpot's.");
    public static readonly HostOption AttemptTimeout = new("attempt-timeout", "SECONDS", "How long one HubSpot request may take; also how long an account counts a permit whose completion was never reported (a silo died), so it bounds an account's pause after its grain's silo dies. Default: 60.");
    public static readonly HostOption ProbeTimeout = new("probe-timeout", "SECONDS", "Membership: how long a probe of another silo may take. Default: Orleans' (5).");
    public static readonly HostOption MissedProbes = new("missed-probes", "N", "Membership: missed probes before a silo suspects another. Default: Orleans' (3).");
    public static readonly HostOption Votes = new("votes", "N", "Membership: suspicions needed to declare a silo dead. Default: Orleans' (2).");
    public static readonly HostOption IAmAlivePeriod = new("i-am-alive-period", "SECONDS", "Membership: how often the silo writes that it is alive; a silo silent for two periods is not waited for by silos joining (after every silo was killed). Default: Orleans' (30).");
    public static readonly HostOption ReminderPeriod = new("reminder-period", "SECONDS", "Period of the reminder each running import keeps, the longest an import waits to resume after its silo died. Default: 60.");
    public static readonly HostOption ImportCheckPeriod = new("import-check-period", "SECONDS", "How often an account grain asks its unfinished imports for their status. Default: 30.");
    public static readonly HostOption EnsureSchema = new("ensure-schema", null, "Creates the PostgreSQL tables and queries first (idempotent; the role needs CREATE in its schema).");
    public static readonly HostOption ConsoleTelemetry = new("console-telemetry", null, "Writes metrics and traces to stdout (OpenTelemetry console exporter).");
    public static readonly HostOption OtlpEndpoint = new("otlp-endpoint", "URL", "Exports metrics and traces over OTLP to this endpoint. Also on when OTEL_EXPORTER_OTLP_ENDPOINT is set.");
    public static readonly HostOption LogLevel = new("log-level", "LEVEL", "Least level logged (to stderr): Trace, Debug, Information, Warning, Error, Critical, None. Default: Information (Orleans' own: Warning).");
    public static readonly HostOption Help = new("help", null, "Prints this help and exits.");

    public static IReadOnlyList<HostOption> All { get; } =
    [
        ClusterId, ServiceId, SiloPort, GatewayPort, AdvertisedIp, Budget, Budgets, HubSpotBaseAddress, HubSpotBaseAddresses,
        PageLimit, AttemptTimeout, ProbeTimeout, MissedProbes, Votes, IAmAlivePeriod, ReminderPeriod, ImportCheckPeriod, EnsureSchema, ConsoleTelemetry,
        OtlpEndpoint, LogLevel, Help,
    ];
}
