using System.Text.Json;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Reporting.Markdown;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting;

#pragma warning disable IEA0001 // Types outside HubSpot's list (which have no guide) are part of these tests.

/// <summary>The guides in both reports: per error type row in the JSON, a "What to do" section in the Markdown.</summary>
public class ErrorTypeGuideReportTests
{
    private static SyntheticError[] Errors(params (string Type, int Count)[] types) =>
        types.SelectMany(t => Enumerable.Range(0, t.Count).Select(_ => t.Type))
            .Select((type, i) => new SyntheticError { Id = "e" + i, ErrorType = type, KnownColumnNumber = i % 3, PropertyName = "p", InvalidValue = "v", FileId = 1, LineNumber = i + 1 })
            .ToArray();

    private static ImportErrorReport Report(SyntheticError[] errors) =>
        AnalyzerRuns.Run([("errors.json", JsonText.Page(errors, null), ImportErrorAnalytics.Parsing.InputFormat.Pages)]);

    [Fact]
    public void JsonReport_CarriesTheGuidePerKnownType_AndNullForUnknownTypes()
    {
        var report = Report(Errors(("INVALID_EMAIL", 3), ("BRAND_NEW_TYPE", 2)));

        using var json = JsonDocument.Parse(JsonReport.ToJson(report));
        var rows = json.RootElement.GetProperty("errorTypes").EnumerateArray().ToDictionary(r => r.GetProperty("errorType").GetString()!);
        HubSpotErrorGuides.TryGet("INVALID_EMAIL", out var guide);
        Assert.Equal(guide!.Id, rows["INVALID_EMAIL"].GetProperty("guide").GetProperty("id").GetString());
        Assert.Equal(guide.Summary, rows["INVALID_EMAIL"].GetProperty("guide").GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, rows["BRAND_NEW_TYPE"].GetProperty("guide").ValueKind);
        var columnTypes = json.RootElement.GetProperty("columns").EnumerateArray().SelectMany(c => c.GetProperty("errorTypes").EnumerateArray());
        Assert.All(columnTypes.Where(t => t.GetProperty("errorType").GetString() == "INVALID_EMAIL"),
            t => Assert.Equal(guide.Id, t.GetProperty("guide").GetProperty("id").GetString()));
    }

    [Fact]
    public void MarkdownReport_SaysWhatToDo_LargestFirst_AndThatNewTypesHaveNoGuideYet()
    {
        var markdown = MarkdownReport.Render(Report(Errors(("COULD_NOT_PARSE_DATE", 2), ("INVALID_EMAIL", 5), ("BRAND_NEW_TYPE", 1))));

        var section = markdown[markdown.IndexOf("## What to do", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var items = section.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, items.Count);
        Assert.StartsWith("- `INVALID_EMAIL` (5 errors): **", items[0], StringComparison.Ordinal);
        Assert.Contains("[HubSpot's help](https://knowledge.hubspot.com/", items[0], StringComparison.Ordinal);
        Assert.StartsWith("- `COULD_NOT_PARSE_DATE` (2 errors): **", items[1], StringComparison.Ordinal);
        Assert.StartsWith("- `BRAND_NEW_TYPE` (1 error): no guide exists yet", items[2], StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownReport_EscapesTheTypeNameInTheGuides()
    {
        var markdown = MarkdownReport.Render(Report(Errors(("X`|[a](https://evil.example)\n# h", 1))));

        var section = markdown[markdown.IndexOf("## What to do", StringComparison.Ordinal)..];
        var item = section.Split('\n').First(line => line.StartsWith("- ", StringComparison.Ordinal));
        Assert.StartsWith("- ``X`\\|[a](https://evil.example)\\n# h`` (1 error): no guide exists yet", item, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownReport_WithinASmallBudget_TrimsTheGuidesAndSaysSo()
    {
        var types = HubSpotNames.ErrorTypes.Take(30).Select((type, i) => (type, 40 - i)).ToArray();
        var markdown = MarkdownReport.Render(Report(Errors(types)), new MarkdownReportOptions { MaxBytes = 8_000 });

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(markdown) <= 8_000);
        Assert.Contains("## What to do", markdown, StringComparison.Ordinal);
        Assert.Contains("more error types' guides not shown", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MergedSnapshots_CarryTheSameGuidesAsOneRun()
    {
        var errors = Errors(("INVALID_EMAIL", 4), ("UNKNOWN_ERROR", 2), ("BRAND_NEW_TYPE", 1));
        var whole = Report(errors);
        var parts = new[] { errors[..3], errors[3..] }.Select(part => AnalyzerRuns
            .Builder([("part.json", JsonText.Page(part, null), ImportErrorAnalytics.Parsing.InputFormat.Pages)])
            .Build().RunToSnapshotAsync().GetAwaiter().GetResult()).ToList();

        var merged = ReportSnapshot.Merge(parts).CreateReport();

        Assert.Equal(
            whole.ErrorTypes.Select(t => (t.ErrorType, t.Guide?.Id, t.Guide?.Summary)),
            merged.ErrorTypes.Select(t => (t.ErrorType, t.Guide?.Id, t.Guide?.Summary)));
        Assert.NotNull(merged.ErrorTypes.Single(t => t.ErrorType == "UNKNOWN_ERROR").Guide);
        Assert.Null(merged.ErrorTypes.Single(t => t.ErrorType == "BRAND_NEW_TYPE").Guide);
    }
}
