using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// The <c>iea report --import-id</c> / <c>--all-imports</c> options. <see cref="ImportIds"/> are canonical (see
/// <see cref="HubSpotImportIds"/>), in the order given, repeats kept: <c>--import-id 1 --import-id 01</c> is a run of
/// several imports (a combined report and each import's) that reads import 1 once.
/// </summary>
internal sealed record HubSpotInput(
    IReadOnlyList<string> ImportIds,
    Uri BaseAddress,
    bool UseV3,
    int? Limit,
    bool IncludeErrorMessage,
    bool IncludeRowData,
    string TokenVariable,
    int RequestsPerTenSeconds,
    string? CheckpointPath)
{
    /// <summary><c>--all-imports</c>: every import the list-imports endpoint returns.</summary>
    public bool AllImports { get; init; }

    /// <summary><c>--since</c>: with <see cref="AllImports"/>, only imports created at or after it.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary><c>--concurrent-imports</c>.</summary>
    public int ConcurrentImports { get; init; } = 8;

    /// <summary><c>--max-retries</c>: retries of one request after a transient failure.</summary>
    public int MaxRetries { get; init; } = 8;

    /// <summary>
    /// The limiter of the command (listing and reading under one budget), owned by it; none: the analyzer's own.
    /// </summary>
    public System.Threading.RateLimiting.RateLimiter? RateLimiter { get; init; }

    /// <summary>Notes of the imports <c>--import-id</c> gave more than once (<c>import 1 (given as '1', '01')</c>).</summary>
    public IReadOnlyList<string> RepeatedImportIds { get; init; } = [];

    /// <summary>Several imports: a report per import and a combined one.</summary>
    public bool IsMulti => AllImports || ImportIds.Count > 1;

    public void AddTo(ImportErrorAnalyzerBuilder builder)
    {
        if (IsMulti)
        {
            builder.AddHubSpotImports(ImportIds, Configure);
            return;
        }

        builder.AddHubSpotImport(options =>
        {
            Configure(options);
            options.ImportId = ImportIds[0];
        });
        if (CheckpointPath is not null)
        {
            builder.WithCheckpoint(CheckpointPath);
        }
    }

    /// <summary>With <see cref="AllImports"/>, lists the imports and returns this input with their ids; otherwise this input.</summary>
    public async Task<HubSpotInput> ResolveAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!AllImports)
        {
            return this;
        }

        var imports = await HubSpotImportList.ListAsync(Configure, Since, loggerFactory: loggers, cancellationToken: cancellationToken).ConfigureAwait(false);
        return this with { ImportIds = imports.Select(import => import.Id).Distinct(StringComparer.Ordinal).ToArray() };
    }

    private void Configure(HubSpotSourceOptions options)
    {
        options.BaseAddress = BaseAddress;
        options.ApiVersion = UseV3 ? HubSpotApiVersion.V3 : HubSpotApiVersion.V2026March;
        options.Limit = Limit;
        options.IncludeErrorMessage = IncludeErrorMessage;
        options.IncludeRowData = IncludeRowData;
        options.AccessToken = HubSpotAccessToken.FromEnvironment(TokenVariable);
        options.RequestsPerTenSeconds = RequestsPerTenSeconds;
        options.RateLimiter = RateLimiter;
        options.MaxRetries = MaxRetries;
    }
}
