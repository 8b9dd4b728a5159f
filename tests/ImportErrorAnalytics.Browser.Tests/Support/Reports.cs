using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Browser.Tests.Support;

/// <summary>The reports the browser tests open: the committed sample import, and imports full of hostile strings.</summary>
internal static class Reports
{
    /// <summary>The folder holding <c>ImportErrorAnalytics.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The sample import under <c>samples/</c>, as <c>iea report --input samples/import-184448894</c> reads it.</summary>
    public static Task<ImportErrorReport> SampleAsync() =>
        ImportErrorAnalyzer.CreateBuilder().AddPath(Path.Combine(RepositoryRoot, "samples", "import-184448894")).Build().RunAsync();

    /// <summary>
    /// An import whose every string a report shows is hostile: error types, properties, object types, values, error
    /// messages and the input's own name; and an unreadable input with a hostile name, which the report lists as skipped.
    /// </summary>
    public static Task<ImportErrorReport> HostileAsync(IReadOnlyList<string> strings)
    {
        string At(int i) => strings.Count == 0 ? "x" : strings[i % strings.Count];
        var errors = Enumerable.Range(0, Math.Max(strings.Count, 1) * 3).Select(i => new SyntheticError
        {
            Id = "e" + i,
            ErrorType = i % 2 == 0 ? At(i) : "INVALID_EMAIL",
            ObjectType = i % 3 == 0 ? At(i + 1) : "CONTACT",
            KnownColumnNumber = i % 4,
            PropertyName = At(i + 2),
            DataSensitivity = "none",
            InvalidValue = At(i + 3),
            ErrorMessage = At(i + 4),
            FileId = 1 + (i % 2),
            LineNumber = i * 7 + 1,
        }).ToArray();

        var page = PageBytes(errors);
        return ImportErrorAnalyzer.CreateBuilder()
            .AddStream(WithLoneSurrogates(At(5)), _ => ValueTask.FromResult<Stream>(new MemoryStream(page)))
            .AddStream(WithLoneSurrogates(At(6)) + ".json", _ => ValueTask.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes("{\"results\": [" + At(7)))))
            .Configure(o =>
            {
                o.KeepGoing = true;
                o.ClusterGap = 0;
            })
            .Build()
            .RunAsync();
    }

    /// <summary>
    /// The parser refuses a lone surrogate in the JSON (an unpaired <c>\ud800</c> escape skips the input), so only the
    /// names the caller gives its inputs can carry one into a report: <c>@@D800@@</c> and <c>@@DC00@@</c> become one there.
    /// </summary>
    private static string WithLoneSurrogates(string name) => name
        .Replace("@@D800@@", "\uD800", StringComparison.Ordinal)
        .Replace("@@DC00@@", "\uDC00", StringComparison.Ordinal);

    private static byte[] PageBytes(IEnumerable<SyntheticError> errors)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ErrorJsonWriter.WritePage(writer, errors, after: null);
        }

        return buffer.ToArray();
    }

    private static string FindRepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "ImportErrorAnalytics.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new DirectoryNotFoundException("ImportErrorAnalytics.sln not found above the test assembly.");
        }

        return directory;
    }
}
