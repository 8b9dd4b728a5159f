using System.CommandLine;
using System.Globalization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Cli;

/// <summary>Where and how reports are written, and the quality gates: options shared by <c>report</c> and <c>demo</c>.</summary>
internal sealed class OutputOptions
{
    private readonly Option<string> _format = new("--format") { Description = "Format of the report on standard output or in --out: json, markdown or html.", DefaultValueFactory = _ => "json" };

    private readonly Option<string?> _out = new("--out", "-o") { Description = "Write the report to this file (standard output when absent)." };

    private readonly Option<string?> _jsonOut = new("--json-out") { Description = "Also write the JSON report to this file." };

    private readonly Option<string?> _markdownOut = new("--markdown-out") { Description = "Also write the Markdown report to this file." };

    private readonly Option<int> _maxBytes = new("--max-bytes") { Description = "Size budget of the Markdown report in bytes (the longest lists are trimmed first).", DefaultValueFactory = _ => 1024 * 1024 };

    private readonly Option<string?> _htmlOut = new("--html-out") { Description = "Also write the HTML report (one self-contained page) to this file.", HelpName = "FILE" };

    private readonly Option<int> _htmlMaxBytes = new("--html-max-bytes")
    {
        Description = "Size budget of the HTML report in bytes (the longest lists are trimmed first; at least 65536).",
        DefaultValueFactory = _ => OutputSettings.DefaultHtmlMaxBytes,
    };

    private readonly Option<bool> _githubSummary = new("--github-summary") { Description = "Append the Markdown report to the file named by GITHUB_STEP_SUMMARY." };

    private readonly Option<bool> _redactValues = new("--redact-values")
    {
        Description = "Show every invalid value as a short keyed hash, without its length (equal values still group); the key is random per run unless --redact-key-env names one.",
    };

    private readonly Option<string?> _redactKeyEnv = new("--redact-key-env")
    {
        Description = "The environment variable holding the secret key of --redact-values (implies it): masks made with one key compare across runs and reports.",
        HelpName = "NAME",
    };

    private readonly Option<string?> _snapshot = new("--snapshot") { Description = "Also write the merged aggregator states to this file, for 'iea merge'.", HelpName = "FILE" };

    private readonly Option<long?> _failIfErrors = new("--fail-if-errors") { Description = "Exit 1 when the import has more than N errors." };

    private readonly Option<string?> _failIfErrorRate = new("--fail-if-error-rate") { Description = "Exit 1 when errors per row exceed R (0.05 or 5%); needs the import's row total." };

    private readonly Option<string[]> _failIfType = new("--fail-if-type") { Description = "Exit 1 when any error has one of these types (TYPE[,TYPE]; repeatable).", AllowMultipleArgumentsPerToken = true };

    public OutputOptions()
    {
        _format.AcceptOnlyFromAmong("json", "markdown", "html");
        // The message names the variable, never its value.
        _redactKeyEnv.Check(variable => variable is not null && ValueMaskKey.ProblemWithEnvironment(variable) is { } problem
            ? "--redact-key-env: " + problem
            : null);
        _maxBytes.AtLeast(1024);
        _htmlMaxBytes.AtLeast(64 * 1024);
        _failIfErrors.AtLeast(0);
        _failIfErrorRate.Check(text => text is not null && ParseRate(text) is null
            ? "--fail-if-error-rate takes a share between 0 and 1 (0.05) or a percentage (5%)."
            : null);
    }

    public void AddTo(Command command)
    {
        Option[] all = [_format, _out, _jsonOut, _markdownOut, _maxBytes, _htmlOut, _htmlMaxBytes, _githubSummary, _redactValues, _redactKeyEnv, _snapshot, _failIfErrors, _failIfErrorRate, _failIfType];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    public OutputSettings Read(ParseResult result) => new(
        result.GetValue(_format) switch
        {
            "markdown" => ReportFormat.Markdown,
            "html" => ReportFormat.Html,
            _ => ReportFormat.Json,
        },
        result.GetValue(_out),
        result.GetValue(_jsonOut),
        result.GetValue(_markdownOut),
        result.GetValue(_maxBytes),
        result.GetValue(_githubSummary),
        result.GetValue(_redactValues) || result.GetValue(_redactKeyEnv) is not null,
        new Gates(
            result.GetValue(_failIfErrors),
            result.GetValue(_failIfErrorRate) is { } rate ? ParseRate(rate) : null,
            (result.GetValue(_failIfType) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)))
    {
        SnapshotPath = result.GetValue(_snapshot),
        HtmlPath = result.GetValue(_htmlOut),
        HtmlMaxBytes = result.GetValue(_htmlMaxBytes),
        MaskKey = result.GetValue(_redactKeyEnv) is { } variable ? ValueMaskKey.FromEnvironment(variable) : null,
    };

    internal static double? ParseRate(string text)
    {
        var percent = text.EndsWith('%');
        var number = percent ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        value = percent ? value / 100 : value;
        return value is >= 0 and <= 1 ? value : null;
    }
}

/// <summary>The report formats.</summary>
internal enum ReportFormat
{
    Json,
    Markdown,
    Html,
}

/// <summary>The parsed output options.</summary>
internal sealed record OutputSettings(
    ReportFormat Format, string? OutputPath, string? JsonPath, string? MarkdownPath, int MaxBytes, bool GithubSummary, bool RedactValues, Gates Gates)
{
    /// <summary>The HTML report's size budget unless <c>--html-max-bytes</c> says otherwise.</summary>
    public const int DefaultHtmlMaxBytes = 4 * 1024 * 1024;

    public static OutputSettings Default { get; } = new(ReportFormat.Json, null, null, null, 1024 * 1024, false, false, new Gates(null, null, new HashSet<string>()));

    /// <summary>Where <c>--snapshot</c> writes the merged states; <see langword="null"/> for no snapshot.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>Where <c>--html-out</c> also writes the HTML report; <see langword="null"/> for none.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>The HTML report's size budget (<c>--html-max-bytes</c>).</summary>
    public int HtmlMaxBytes { get; init; } = DefaultHtmlMaxBytes;

    /// <summary>The key of <c>--redact-values</c> from <c>--redact-key-env</c>; <see langword="null"/>: a random key for this run.</summary>
    public ValueMaskKey? MaskKey { get; init; }
}
