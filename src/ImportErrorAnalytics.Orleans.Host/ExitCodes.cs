namespace ImportErrorAnalytics.Orleans.Host;

/// <summary>The host's exit codes (documented in docs/orleans.md and by --help).</summary>
internal static class ExitCodes
{
    /// <summary>Stopped on request (SIGTERM, Ctrl+C), or --help.</summary>
    public const int Stopped = 0;

    /// <summary>An unexpected error while running.</summary>
    public const int Unexpected = 1;

    /// <summary>Invalid command line or environment; nothing was started.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>PostgreSQL cannot be reached, or --ensure-schema failed.</summary>
    public const int Database = 3;

    /// <summary>The silo did not start (a port in use, the cluster's database not set up, membership refused it).</summary>
    public const int SiloStart = 4;
}
