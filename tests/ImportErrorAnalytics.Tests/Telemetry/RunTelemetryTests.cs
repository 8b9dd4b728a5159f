using System.Diagnostics;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Telemetry;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Telemetry;

/// <summary>The core library's meter and activities, read with <see cref="System.Diagnostics.Metrics.MeterListener"/> and <see cref="ActivityListener"/>.</summary>
public class RunTelemetryTests
{
    [Fact]
    public async Task FileRun_ReportsPagesErrorsAndBytes_EqualToTheReportsTotals()
    {
        using var temp = new TempDirectory();
        var paths = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var import = new SyntheticImport(new SyntheticImportOptions { Seed = 40 + i, Errors = 700 + (300 * i), DistinctValuesPerColumn = 200, Files = 2 });
            var path = Path.Combine(temp.Path, $"import-{i}.json");
            await File.WriteAllBytesAsync(path, import.ToPageBytes(50 + (25 * i)));
            paths.Add(path);
        }

        using var capture = new TelemetryCapture();
        var builder = ImportErrorAnalyzer.CreateBuilder().Configure(o => o.MaxDegreeOfParallelism = 3);
        paths.ForEach(path => builder.AddPath(path, InputFormat.Pages));
        await using var analyzer = builder.Build();
        var report = await analyzer.RunAsync();

        Assert.True(report.Totals.Pages > 3);
        Assert.Equal(report.Totals.Pages, capture.Sum(RunTelemetry.PagesName));
        Assert.Equal(report.Totals.Errors, capture.Sum(RunTelemetry.ErrorsName));
        Assert.Equal(report.Totals.Bytes, capture.Sum(RunTelemetry.BytesName));
        // Per page, not per record: one measurement of errors per committed page.
        Assert.Equal(report.Totals.Pages, capture.Of(RunTelemetry.ErrorsName).Count);
        var duration = Assert.Single(capture.Of(RunTelemetry.DurationName));
        Assert.Equal("completed", duration.Tag(RunTelemetry.OutcomeTag));
        Assert.True(duration.Value >= 0);
        Assert.Empty(capture.Of(RunTelemetry.CheckpointWritesName));

        var run = Assert.Single(capture.Named(RunTelemetry.RunActivityName));
        Assert.Equal(capture.Scope.SpanId, run.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        Assert.Equal(3, run.GetTagItem("iea.run.inputs"));
        Assert.Equal(report.Totals.Pages, run.GetTagItem("iea.run.pages"));
        Assert.Equal(report.Totals.Errors, run.GetTagItem("iea.run.errors"));
        Assert.Equal(report.Totals.Bytes, run.GetTagItem("iea.run.bytes"));
        // No tag holds a path, a name or a value read from the inputs.
        Assert.DoesNotContain(capture.AllText(), text => text.Contains(temp.Path, StringComparison.Ordinal) || text.Contains("import-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedInput_EndsTheRunFailed_WithTheErrorTypeAndNotTheMessage()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Seed = 5, Errors = 300, DistinctValuesPerColumn = 50, Files = 1 });
        var bytes = import.ToPageBytes(100);
        var broken = bytes.Concat("{\"results\": [ {\"secret-looking\": "u8.ToArray()).ToArray();

        using var capture = new TelemetryCapture();
        await using var analyzer = AnalyzerRuns.Builder([("broken", broken, InputFormat.Pages)]).Build();
        var error = await Assert.ThrowsAsync<ImportErrorFormatException>(() => analyzer.RunAsync());

        var duration = Assert.Single(capture.Of(RunTelemetry.DurationName));
        Assert.Equal("failed", duration.Tag(RunTelemetry.OutcomeTag));
        Assert.Equal(typeof(ImportErrorFormatException).FullName, duration.Tag(RunTelemetry.ErrorTypeTag));
        // What was committed before the failure was counted, as the partial report counts it.
        Assert.Equal(error.PartialReport!.Totals.Errors, capture.Sum(RunTelemetry.ErrorsName));
        var run = Assert.Single(capture.Named(RunTelemetry.RunActivityName));
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal(typeof(ImportErrorFormatException).FullName, run.StatusDescription);
        Assert.DoesNotContain(capture.AllText(), text => text.Contains("secret-looking", StringComparison.Ordinal) || text.Contains(error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelledRun_IsMeasuredAsCancelled()
    {
        var import = new SyntheticImport(new SyntheticImportOptions { Seed = 6, Errors = 300, DistinctValuesPerColumn = 50, Files = 1 });
        using var capture = new TelemetryCapture();
        await using var analyzer = AnalyzerRuns.Builder([("memory", import.ToPageBytes(100), InputFormat.Pages)]).Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analyzer.RunAsync(new CancellationToken(canceled: true)));

        Assert.Equal("cancelled", Assert.Single(capture.Of(RunTelemetry.DurationName)).Tag(RunTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(capture.Named(RunTelemetry.RunActivityName)).Status);
    }
}
