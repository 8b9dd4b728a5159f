using System.Globalization;
using System.Text;
using ImportErrorAnalytics.Peers.Answers;
using ImportErrorAnalytics.Peers.DuckDb;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Peers;

/// <summary>
/// <c>iea-peers selfcheck</c>: hand-written pages with every case of README's sensitive-value rule and of the other
/// aggregates' edges (null keys, a value only in <c>invalidValueToDisplay</c>, no value, long and non-ASCII values whose
/// order differs between UTF-8 bytes and UTF-16 units, the property named later than a column's first error, line 0,
/// lines without a number, cluster gaps at the boundary), run through iea (the library) and DuckDB with and without
/// <c>--show-standard-sensitivity</c>: their answers must be equal. Then one answer is changed on purpose, and the
/// comparison must see it. So the whole-process figures are only taken when the SQL is known to answer as iea does.
/// </summary>
internal static class EdgeCases
{
    /// <summary>(invalidPropertyValue, sourceData extras, whether iea redacts it, whether it does so with standard values shown).</summary>
    private static readonly (string Property, string Source, bool Redacted, bool RedactedShowingStandard)[] Sensitivity =
    [
        ("{\"name\":\"p\",\"dataSensitivity\":\"none\"}", "", false, false),
        ("{\"name\":\"p\",\"dataSensitivity\":\"standard\"}", "", true, false),
        ("{\"name\":\"p\",\"dataSensitivity\":\"high\"}", "", true, true),
        ("{\"name\":\"p\",\"dataSensitivity\":\"None\"}", "", true, true),
        ("{\"name\":\"p\",\"dataSensitivity\":\"none \"}", "", true, true),
        ("{\"name\":\"p\"}", "", true, true),
        ("{\"name\":\"p\",\"dataSensitivity\":null}", "", true, true),
        ("{}", "", true, true),
        ("null", "", false, false),
        ("", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":null}", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":[]}", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{}}", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{\"substrings\":[]}}", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{\"substrings\":null}}", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":[{\"start\":0,\"end\":2}]}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{\"substrings\":[{\"start\":1,\"end\":3}]}}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{\"substrings\":[],\"more\":1}}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{\"other\":null}}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":{\"substrings\":{}}}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":\"x\"}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"maskedSubstrings\":7}", "", true, true),
        ("{\"dataSensitivity\":\"standard\",\"maskedSubstrings\":[{\"start\":0,\"end\":1}]}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"isEncrypted\":true}", "", true, true),
        ("{\"dataSensitivity\":\"none\",\"isEncrypted\":false}", "", false, false),
        ("{\"dataSensitivity\":\"none\",\"isEncrypted\":null}", "", false, false),
        ("{\"dataSensitivity\":\"none\"}", ",\"containsEncryptedProperties\":true", true, true),
        ("", ",\"containsEncryptedProperties\":true", true, true),
        ("", ",\"containsEncryptedProperties\":false", false, false),
    ];

    private static readonly string[] Values =
    [
        "a", "B", "é", "\uFF61", "\U0001F600", "\u4E2D\u6587", "", " ", "a\tb", "quote\"d", new('x', 300), string.Concat(Enumerable.Repeat("\U0001F600", 150)), new('y', 1_000),
    ];

    public static int Run()
    {
        var directory = Directory.CreateTempSubdirectory("iea-peers-selfcheck-").FullName;
        try
        {
            WritePages(directory);
            var checks = 0;
            foreach (var showStandard in new[] { false, true })
            {
                var report = ImportErrorAnalyzer.CreateBuilder().AddPath(directory)
                    .Configure(o => (o.ShowStandardSensitivity, o.Top) = (showStandard, 50))
                    .Build().RunAsync().GetAwaiter().GetResult();
                var iea = ReportAnswers.From(report);
                var duckdb = DuckDbPeer.Run(directory, top: 50, showStandardSensitivity: showStandard);
                var differences = AnswerComparison.Differences(iea, duckdb, "DuckDB");
                var expected = Sensitivity.Count(c => showStandard ? c.RedactedShowingStandard : c.Redacted);
                if (iea.RedactedValues != expected)
                {
                    differences.Add($"iea redacted {iea.RedactedValues} of the sensitivity cases, README's rule says {expected}");
                }

                foreach (var difference in differences)
                {
                    Console.Error.WriteLine($"iea-peers selfcheck: DIFFERENT (show standard {showStandard}) {difference}");
                }

                if (differences.Count > 0)
                {
                    return 1;
                }

                checks++;
                var tampered = duckdb with { RedactedValues = duckdb.RedactedValues + 1, Files = [.. duckdb.Files.Skip(1)] };
                if (AnswerComparison.Differences(iea, tampered, "tampered").Count != 2)
                {
                    Console.Error.WriteLine("iea-peers selfcheck: the comparison missed a changed answer");
                    return 1;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"selfcheck: DuckDB answers as iea on {Sensitivity.Length} sensitivity cases and the edge cases, with and without standard values shown ({checks} runs); a changed answer is caught"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WritePages(string directory)
    {
        var records = new List<string>();
        var line = 1;
        foreach (var (property, source, _, _) in Sensitivity)
        {
            records.Add(Record("INVALID_EMAIL", "CONTACT", "3", "\"v-" + records.Count.ToString(CultureInfo.InvariantCulture) + "\"", null, property, "1", line++, source));
        }

        // Values whose order differs between UTF-8 bytes and UTF-16 units, ties, a long value and one longer than the
        // long-value threshold, in column 5, whose property is only named from its third error on.
        for (var i = 0; i < Values.Length; i++)
        {
            for (var n = 0; n <= i % 3; n++)
            {
                var named = records.Count % 7 > 1 ? "{\"name\":\"stage\",\"dataSensitivity\":\"none\"}" : "{\"dataSensitivity\":\"none\"}";
                records.Add(Record("INVALID_ENUMERATION_OPTION", "DEAL", "5", Json(Values[i]), null, named, "2", line += 12 + n, ""));
            }
        }

        // A value only in invalidValueToDisplay, an invalidValue null, no value at all, null and absent keys.
        records.Add(Record("COULD_NOT_PARSE_DATE", "DEAL", "7", null, "\"display only\"", "{\"name\":\"closedate\",\"dataSensitivity\":\"none\"}", "2", 500, ""));
        records.Add(Record("COULD_NOT_PARSE_DATE", "DEAL", "7", "null", "\"a\"", "{\"name\":\"closedate\",\"dataSensitivity\":\"none\"}", "2", 511, ""));
        records.Add(Record("COULD_NOT_PARSE_DATE", "DEAL", "7", null, null, "{\"name\":\"closedate\",\"dataSensitivity\":\"none\"}", "2", 523, ""));
        records.Add(Record(null, null, null, "\"no column\"", null, "", null, 0, ""));
        records.Add(Record("UNKNOWN_NEW_TYPE", "CONTACT", null, null, null, "", "3", null, ""));
        records.Add(Record("INCORRECT_NUMBER_OF_COLUMNS", "CONTACT", null, null, null, "", "3", 0, ""));
        records.Add(Record("INVALID_EMAIL", "CONTACT", "3", "\"b\"", null, "{\"name\":\"email\",\"dataSensitivity\":\"none\"}", "3", 1, ""));
        records.Add(Record("INVALID_EMAIL", "CONTACT", "3", "\"b\"", null, "{\"name\":\"email\",\"dataSensitivity\":\"none\"}", "3", 12, ""));
        records.Add(Record("INVALID_EMAIL", "CONTACT", "3", "\"b\"", null, "{\"name\":\"email\",\"dataSensitivity\":\"none\"}", "3", 24, ""));

        var pages = records.Chunk(17).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var text = "{\"results\":[" + string.Join(",", pages[i]) + "]}";
            File.WriteAllText(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"page-{i + 1:D3}.json")), text, new UTF8Encoding(false));
        }
    }

    private static string Record(string? errorType, string? objectType, string? column, string? value, string? display, string property, string? fileId, int? line, string sourceExtra)
    {
        var fields = new List<string> { "\"id\":\"" + Guid.NewGuid().ToString("D") + "\"", "\"createdAt\":1767225600000" };
        if (errorType is not null)
        {
            fields.Add("\"errorType\":" + Json(errorType));
        }

        if (objectType is not null)
        {
            fields.Add("\"objectType\":" + Json(objectType));
        }

        if (column is not null)
        {
            fields.Add("\"knownColumnNumber\":" + column);
        }

        if (value is not null)
        {
            fields.Add("\"invalidValue\":" + value);
        }

        if (display is not null)
        {
            fields.Add("\"invalidValueToDisplay\":" + display);
        }

        var source = new List<string>();
        if (fileId is not null)
        {
            source.Add("\"fileId\":18444889424" + fileId);
        }

        if (line is { } l)
        {
            source.Add("\"lineNumber\":" + l.ToString(CultureInfo.InvariantCulture));
        }

        fields.Add("\"sourceData\":{" + string.Join(",", source) + (source.Count == 0 ? sourceExtra.TrimStart(',') : sourceExtra) + "}");
        if (property.Length > 0)
        {
            fields.Add("\"invalidPropertyValue\":" + property);
        }

        return "{" + string.Join(",", fields) + "}";
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, Answers.AnswersJsonContext.Default.String);
}
