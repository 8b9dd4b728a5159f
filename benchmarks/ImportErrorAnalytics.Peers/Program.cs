using System.Globalization;
using System.Text.Json;
using ImportErrorAnalytics.Peers.Answers;
using ImportErrorAnalytics.Peers.DuckDb;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Peers;

/// <summary>
/// <c>iea-peers</c>: the whole-process peers of <c>iea report</c> and their cross-check (benchmarks/whole-process.sh).
/// <list type="bullet">
/// <item><c>generate --errors N --out DIR [--page-size 500] [--seed 14] [--max-errors-per-file 50000] [--shape full|lean]</c>:
/// a synthetic import as one file per page, as HubSpot sends them (compact JSON).</item>
/// <item><c>duckdb --input DIR --out FILE [--top 10] [--cluster-gap 10] [--show-standard-sensitivity]</c>: DuckDB computes
/// the report's aggregates over the page files; the answers go to FILE as JSON.</item>
/// <item><c>compare --report IEA.json [--duckdb ANSWERS.json] [--jq UNIQ.txt]</c>: every aggregate of DuckDB's answers
/// and jq's error-type counts against iea's report; exit 1 on any difference.</item>
/// <item><c>selfcheck</c>: DuckDB's SQL against iea on hand-written edge cases (see <see cref="EdgeCases"/>).</item>
/// </list>
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["generate", .. var rest] => Generate(Options.Parse(rest)),
                ["duckdb", .. var rest] => DuckDb(Options.Parse(rest)),
                ["compare", .. var rest] => Compare(Options.Parse(rest)),
                ["selfcheck"] => EdgeCases.Run(),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"iea-peers: {e.Message}");
            return 2;
        }
    }

    private static int Generate(Options options)
    {
        var import = new SyntheticImport(new SyntheticImportOptions
        {
            Seed = options.Int("--seed", 14),
            Errors = options.Long("--errors", 200_000),
            MaxErrorsPerFile = options.Long("--max-errors-per-file", 50_000),
            Shape = Enum.Parse<SyntheticShape>(options.Text("--shape", null) ?? "full", ignoreCase: true),
        });
        var directory = options.Required("--out");
        var pages = import.WritePageFiles(directory, options.Int("--page-size", 500), indented: false);
        var bytes = Directory.GetFiles(directory, "*.json").Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{import.Options.Errors} errors, {pages} pages, {bytes} bytes in {directory}"));
        return 0;
    }

    private static int DuckDb(Options options)
    {
        var answers = DuckDbPeer.Run(
            options.Required("--input"),
            options.Int("--top", 10),
            options.Int("--cluster-gap", 10),
            showStandardSensitivity: options.Flag("--show-standard-sensitivity"));
        using var file = File.Create(options.Required("--out"));
        JsonSerializer.Serialize(file, answers, AnswersJsonContext.Default.PeerAnswers);
        return 0;
    }

    private static int Compare(Options options)
    {
        var reportPath = options.Required("--report");
        var iea = ReportAnswers.FromFile(reportPath);
        var differences = new List<string>();
        var checks = new List<string>();
        if (options.Text("--duckdb", null) is { } duckdbPath)
        {
            var duckdb = JsonSerializer.Deserialize(File.ReadAllText(duckdbPath), AnswersJsonContext.Default.PeerAnswers)
                ?? throw new ArgumentException($"'{duckdbPath}' holds no answers.");
            differences.AddRange(AnswerComparison.Differences(iea, duckdb, "DuckDB"));
            checks.Add("DuckDB: every aggregate");
        }

        if (options.Text("--jq", null) is { } jqPath)
        {
            var jq = iea with { ErrorTypes = JqCounts.Parse(File.ReadAllText(jqPath)) };
            differences.AddRange(AnswerComparison.Differences(iea, jq, "jq").Where(d => d.StartsWith("error types", StringComparison.Ordinal)));
            checks.Add("jq: error types");
        }

        foreach (var difference in differences)
        {
            Console.Error.WriteLine($"iea-peers: DIFFERENT {difference}");
        }

        Console.WriteLine(differences.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"same answers as iea ({iea.Errors} errors, {iea.ErrorTypes.Count} error types) from {string.Join("; ", checks)}")
            : string.Create(CultureInfo.InvariantCulture, $"{differences.Count} differences from iea's report"));
        return differences.Count == 0 ? 0 : 1;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: iea-peers generate --errors N --out DIR [--page-size N] [--seed N] [--max-errors-per-file N] [--shape full|lean]");
        Console.Error.WriteLine("       iea-peers duckdb --input DIR --out FILE [--top N] [--cluster-gap N] [--show-standard-sensitivity]");
        Console.Error.WriteLine("       iea-peers compare --report IEA.json [--duckdb ANSWERS.json] [--jq UNIQ.txt]");
        Console.Error.WriteLine("       iea-peers selfcheck");
        return 2;
    }
}
