using System.CommandLine;
using System.Globalization;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Cli;

/// <summary>The options of <c>iea report</c>, with their validation.</summary>
internal sealed class ReportOptions
{
    private readonly Option<string[]> _input = new("--input", "-i")
    {
        Description = "Files of saved response pages, directories of *.json/*.ndjson/*.jsonl files, *.ndjson/*.jsonl files, or - for standard input.",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _importId = new("--import-id")
    {
        Description = "Read the errors of this HubSpot import from the API (token from HUBSPOT_ACCESS_TOKEN); digits only, leading zeros ignored (01 is import 1); repeatable: several give a report per import and a combined one, each import read once.",
    };

    private readonly Option<bool> _allImports = new("--all-imports") { Description = "Read every import the account lists (following its paging): a report per import and a combined one." };

    private readonly Option<string?> _since = new("--since") { Description = "With --all-imports: only imports created at or after this date or time (ISO 8601; UTC unless it says otherwise)." };

    private readonly Option<int> _concurrentImports = new("--concurrent-imports") { Description = "Imports read at once when there are several (all under one rate limiter).", DefaultValueFactory = _ => 8 };

    private readonly Option<string> _baseUrl = new("--base-url") { Description = "The HubSpot API base URL.", DefaultValueFactory = _ => "https://api.hubapi.com" };

    private readonly Option<string> _apiVersion = new("--api-version") { Description = "Imports API path: 2026-03 or v3.", DefaultValueFactory = _ => "2026-03" };

    private readonly Option<int?> _limit = new("--limit") { Description = "Errors per page requested from HubSpot." };

    private readonly Option<bool> _includeErrorMessage = new("--include-error-message") { Description = "Ask HubSpot for each error's message." };

    private readonly Option<bool> _includeRowData = new("--include-row-data") { Description = "Ask HubSpot for each error's row data (never copied into a report)." };

    private readonly Option<string> _tokenEnv = new("--token-env") { Description = "The environment variable holding the access token.", DefaultValueFactory = _ => "HUBSPOT_ACCESS_TOKEN" };

    private readonly Option<int> _rateLimit = new("--rate-limit") { Description = "Requests allowed per rolling 10 seconds (the app's burst budget).", DefaultValueFactory = _ => 100 };

    private readonly Option<int> _maxRetries = new("--max-retries")
    {
        Description = "Retries of one HubSpot request after a transient failure (5xx, timeouts, cut or unusable bodies); waits for rate limits are bounded by time instead.",
        DefaultValueFactory = _ => 8,
    };

    private readonly Option<string?> _failedRows = new("--failed-rows")
    {
        Description = "Also write the failed rows to this CSV file (owner-only, when the run succeeds): one row per failing line with its cells, then its error types, columns, properties and messages; sensitive values [REDACTED]. With --import-id it needs --include-row-data and --include-error-message.",
        HelpName = "FILE",
    };

    private readonly Option<string> _failedRowsFormulas = new("--failed-rows-formulas")
    {
        Description = "Fields of --failed-rows that start with = + - @ TAB or CR: escape (a leading ', so spreadsheets show them as text) or keep (exactly as sent, to import the file again).",
        DefaultValueFactory = _ => "escape",
    };

    private readonly Option<string?> _checkpoint = new("--checkpoint") { Description = "Save the cursor and counts after each page to this file; resume from it when it exists." };

    private readonly Option<InputFormatChoice> _inputFormat = new("--input-format")
    {
        Description = "How inputs are laid out: auto (by file extension; pages for stdin), pages or ndjson.",
        DefaultValueFactory = _ => InputFormatChoice.Auto,
    };

    private readonly Option<int> _top = new("--top") { Description = "Invalid values listed per column.", DefaultValueFactory = _ => 10 };

    private readonly Option<int> _clusterGap = new("--cluster-gap") { Description = "Error-free lines allowed inside one cluster of failing rows.", DefaultValueFactory = _ => 10 };

    private readonly Option<int?> _maxClusters = new("--max-clusters") { Description = "Clusters listed per file, largest first (counts stay complete)." };

    private readonly Option<int> _distinctCapacity = new("--distinct-capacity")
    {
        Description = "Distinct values per column counted exactly; past that an approximate heavy-hitters summary of this size.",
        DefaultValueFactory = _ => 10_000,
    };

    private readonly Option<int> _maxDistinctKeys = new("--max-distinct-keys")
    {
        Description = "Distinct keys of each kind kept apart (undocumented error and object types, columns, files); the rest are counted in one 'other' row per table.",
        DefaultValueFactory = _ => AnalyzerOptions.DefaultMaxDistinctKeys,
    };

    private readonly Option<bool> _keepGoing = new("--keep-going") { Description = "Skip malformed pages, list them in the report, and report the rest." };

    private readonly Option<bool> _showStandardSensitivity = new("--show-standard-sensitivity")
    {
        Description = "Show values of properties HubSpot classes as 'standard' sensitivity (redacted by default), for teams allowed to see them; 'high', encrypted and partly masked values stay redacted.",
    };

    private readonly Option<int> _maxValueBytes = new("--max-value-bytes")
    {
        Description = "Largest single JSON value accepted, in bytes.",
        DefaultValueFactory = _ => 16 * 1024 * 1024,
    };

    private readonly Option<long> _maxPageBytes = new("--max-page-bytes")
    {
        Description = "Largest response page accepted (bytes it spans in a file, standard input or a decompressed HTTP body; for NDJSON, the longest line).",
        DefaultValueFactory = _ => ParserLimits.DefaultMaxPageBytes,
    };

    private readonly Option<int> _parallelism = new("--parallelism")
    {
        Description = "Parse workers (inputs parsed at once; with fewer inputs, one input's pages are split among them) and aggregation workers (default: one per core).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private readonly AggregatorOption _aggregators = new();

    public ReportOptions()
    {
        _input.Validators.Add(result =>
        {
            // --input takes several paths, so a mistyped option after it would otherwise be read as a path.
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.Length > 1 && value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{value}'.");
                }
                else if (value.Length == 0)
                {
                    result.AddError("--input takes a path, not an empty string.");
                }
            }
        });
        _importId.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (HubSpotImportIds.Why(value) is { } why)
                {
                    result.AddError($"--import-id takes a HubSpot import id ({HubSpotImportIds.Rule}), not {UntrustedText.Quote(value)}: {why}.");
                }
            }
        });
        _top.AtLeast(0);
        _maxRetries.AtLeast(0);
        _clusterGap.AtLeast(0);
        _distinctCapacity.AtLeast(1);
        _maxDistinctKeys.AtLeast(1);
        _maxValueBytes.AtLeast(64);
        _maxPageBytes.AtLeast(64);
        _parallelism.AtLeast(1);
        _rateLimit.AtLeast(1);
        _concurrentImports.AtLeast(1);
        _since.Check(text => text is not null && ParseSince(text) is null
            ? $"--since takes an ISO 8601 date or time (2026-03-01, 2026-03-01T12:00:00Z), not {UntrustedText.Quote(text)}."
            : null);
        _apiVersion.AcceptOnlyFromAmong("2026-03", "v3");
        _limit.AtLeast(1);
        _baseUrl.Check(text => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : "--base-url must be an absolute http or https URL.");
        _maxClusters.AtLeast(0);
        _failedRowsFormulas.AcceptOnlyFromAmong("escape", "keep");
    }

    public void AddTo(Command command)
    {
        Option[] all =
        [
            _input, _importId, _inputFormat, _top, _clusterGap, _maxClusters, _distinctCapacity, _keepGoing, _showStandardSensitivity, _maxValueBytes, _maxPageBytes, _parallelism,
            _baseUrl, _apiVersion, _limit, _includeErrorMessage, _includeRowData, _tokenEnv, _rateLimit, _maxRetries, _checkpoint,
            _allImports, _since, _concurrentImports, _failedRows, _failedRowsFormulas,
        ];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.Options.Add(_maxDistinctKeys);
        _aggregators.AddTo(command);

        command.Validators.Add(result =>
        {
            var inputs = result.GetValue(_input) is { Length: > 0 };
            var ids = result.GetValue(_importId)?.Length ?? 0;
            var all = result.GetValue(_allImports);
            if (inputs == (ids > 0 || all))
            {
                result.AddError("Give either --input PATH..., --import-id ID (repeatable) or --all-imports.");
            }

            if (all && ids > 0)
            {
                result.AddError("Give either --import-id or --all-imports, not both.");
            }

            if (result.GetValue(_since) is not null && !all)
            {
                result.AddError("--since works with --all-imports.");
            }

            if (result.GetValue(_checkpoint) is not null && (ids != 1 || all))
            {
                result.AddError("--checkpoint works with a single --import-id.");
            }

            CheckFailedRows(result, ids, all);
        });
    }

    /// <summary>The usage errors of <c>--failed-rows</c>: what HubSpot must be asked for, and what it cannot go with.</summary>
    private void CheckFailedRows(System.CommandLine.Parsing.CommandResult result, int ids, bool all)
    {
        var failedRows = result.GetValue(_failedRows) is not null;
        if (!failedRows)
        {
            if (result.GetResult(_failedRowsFormulas) is { Implicit: false })
            {
                result.AddError("--failed-rows-formulas works with --failed-rows FILE.");
            }

            return;
        }

        if (all || ids > 1)
        {
            result.AddError("--failed-rows works with one import (a single --import-id) or with --input: the CSV has no import column. Run one command per import.");
        }
        else if (ids == 1)
        {
            if (!result.GetValue(_includeRowData))
            {
                result.AddError("--failed-rows needs --include-row-data with --import-id: HubSpot sends a row's cells only when asked. Add --include-row-data --include-error-message.");
            }

            if (!result.GetValue(_includeErrorMessage))
            {
                result.AddError("--failed-rows needs --include-error-message with --import-id: HubSpot sends its messages only when asked. Add --include-error-message.");
            }
        }

        if (result.GetValue(_checkpoint) is not null)
        {
            result.AddError("--failed-rows cannot be used with --checkpoint: the rows collected are not saved in the checkpoint, so a resumed run would miss some. Drop one of them.");
        }
    }

    public ReportSettingsInput Read(ParseResult result) => new(
        result.GetValue(_input) ?? [],
        result.GetValue(_inputFormat),
        result.GetValue(_top),
        result.GetValue(_clusterGap),
        result.GetValue(_maxClusters),
        result.GetValue(_distinctCapacity),
        result.GetValue(_keepGoing),
        result.GetValue(_maxValueBytes),
        result.GetValue(_parallelism))
    {
        MaxPageBytes = result.GetValue(_maxPageBytes),
        Import = result.GetValue(_importId) is { Length: > 0 } || result.GetValue(_allImports)
            ? new HubSpotInput(CanonicalIds(result.GetValue(_importId) ?? []), new Uri(result.GetValue(_baseUrl)!), result.GetValue(_apiVersion) == "v3", result.GetValue(_limit),
                result.GetValue(_includeErrorMessage), result.GetValue(_includeRowData), result.GetValue(_tokenEnv)!, result.GetValue(_rateLimit), result.GetValue(_checkpoint))
            {
                AllImports = result.GetValue(_allImports),
                MaxRetries = result.GetValue(_maxRetries),
                Since = result.GetValue(_since) is { } since ? ParseSince(since) : null,
                ConcurrentImports = result.GetValue(_concurrentImports),
                RepeatedImportIds = RepeatedIds(result.GetValue(_importId) ?? []),
            }
            : null,
        Aggregators = _aggregators.Read(result),
        MaxDistinctKeys = result.GetValue(_maxDistinctKeys),
        ShowStandardSensitivity = result.GetValue(_showStandardSensitivity),
        FailedRowsPath = result.GetValue(_failedRows),
        FailedRowsFormulas = result.GetValue(_failedRowsFormulas) == "keep" ? FailedRows.FailedRowsFormulas.Keep : FailedRows.FailedRowsFormulas.Escape,
    };

    /// <summary>The <c>--import-id</c> values (checked by their validator) in their canonical spelling, in the order given.</summary>
    private static string[] CanonicalIds(string[] given) => Array.ConvertAll(given, id => HubSpotImportIds.Canonicalize(id));

    /// <summary>
    /// Each import given more than once (in any spelling), with the spellings given, for the note that it is read once:
    /// <c>import 1 (given as '1', '01')</c>.
    /// </summary>
    internal static IReadOnlyList<string> RepeatedIds(string[] given) =>
        given.GroupBy(id => HubSpotImportIds.Canonicalize(id), StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => $"import {group.Key} (given as {string.Join(", ", group.Select(UntrustedText.Quote))})")
            .ToArray();

    /// <summary>An ISO 8601 date or date and time; UTC unless it names an offset.</summary>
    internal static DateTimeOffset? ParseSince(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since) ? since : null;
}

/// <summary>The values of the <c>--input-format</c> option.</summary>
internal enum InputFormatChoice
{
    Auto,
    Pages,
    Ndjson,
}

/// <summary>The parsed options of <c>iea report</c>.</summary>
internal sealed record ReportSettingsInput(
    string[] Inputs,
    InputFormatChoice InputFormat,
    int Top,
    int ClusterGap,
    int? MaxClusters,
    int DistinctCapacity,
    bool KeepGoing,
    int MaxValueBytes,
    int Parallelism)
{
    public HubSpotInput? Import { get; init; }

    /// <summary><c>--max-page-bytes</c>.</summary>
    public long MaxPageBytes { get; init; } = ParserLimits.DefaultMaxPageBytes;

    /// <summary>The <c>--aggregator</c> files.</summary>
    public IReadOnlyList<string> Aggregators { get; init; } = [];

    /// <summary>The <c>--max-distinct-keys</c> limit.</summary>
    public int MaxDistinctKeys { get; init; } = AnalyzerOptions.DefaultMaxDistinctKeys;
    /// <summary><c>--show-standard-sensitivity</c>.</summary>
    public bool ShowStandardSensitivity { get; init; }

    /// <summary><c>--failed-rows</c>: the CSV of failed rows, or <see langword="null"/>.</summary>
    public string? FailedRowsPath { get; init; }

    /// <summary><c>--failed-rows-formulas</c>.</summary>
    public FailedRows.FailedRowsFormulas FailedRowsFormulas { get; init; }

    /// <summary>Told when the failed rows are written.</summary>
    public Action<FailedRows.FailedRowsSummary>? FailedRowsWritten { get; init; }

    public ImportErrorAnalyzerBuilder CreateBuilder(Func<Stream>? stdin)
    {
        var builder = ImportErrorAnalyzer.CreateBuilder().Configure(options =>
        {
            options.Top = Top;
            options.ClusterGap = ClusterGap;
            options.MaxClusters = MaxClusters;
            options.DistinctCapacity = DistinctCapacity;
            options.KeepGoing = KeepGoing;
            options.ShowStandardSensitivity = ShowStandardSensitivity;
            options.Limits.MaxValueBytes = MaxValueBytes;
            options.Limits.MaxPageBytes = MaxPageBytes;
            options.MaxDegreeOfParallelism = Parallelism;
            options.MaxDistinctKeys = MaxDistinctKeys;
        });
        if (stdin is not null)
        {
            builder.WithStandardInput(stdin);
        }

        Parsing.InputFormat? format = InputFormat switch
        {
            InputFormatChoice.Pages => Parsing.InputFormat.Pages,
            InputFormatChoice.Ndjson => Parsing.InputFormat.Ndjson,
            _ => null,
        };
        foreach (var path in Inputs)
        {
            builder.AddPath(path, format);
        }

        Import?.AddTo(builder);
        if (FailedRowsPath is not null)
        {
            builder.WithFailedRows(FailedRowsPath, new FailedRows.FailedRowsOptions { Formulas = FailedRowsFormulas, Written = FailedRowsWritten });
        }

        return builder;
    }
}
