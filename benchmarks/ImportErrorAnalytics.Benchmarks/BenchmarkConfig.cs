using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// The configuration every benchmark here runs with (Program passes it to the switcher; command-line options such as
/// <c>--job</c> are added to it): BenchmarkDotNet's default loggers, columns, analysers and validators, plus
/// allocations (MemoryDiagnoser), medians, ratios to the class's baseline (time and allocations), allocated bytes per
/// error read, the GitHub-markdown table that RESULTS.md quotes, and a build timeout of 10 minutes. Built from empty so
/// no exporter is listed twice.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        var defaults = DefaultConfig.Instance;
        AddLogger([.. defaults.GetLoggers()]);
        AddColumnProvider([.. defaults.GetColumnProviders()]);
        AddAnalyser([.. defaults.GetAnalysers()]);
        AddValidator([.. defaults.GetValidators()]);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub, CsvExporter.Default);
        AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean, BaselineRatioColumn.RatioStdDev, BaselineAllocationRatioColumn.RatioMean, new AllocatedPerRecordColumn());
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
        Orderer = new DefaultOrderer(SummaryOrderPolicy.Declared);
        ArtifactsPath = defaults.ArtifactsPath;

        // The generated project rebuilds the whole graph (the peers project copies DuckDB's 60 MB native library): on
        // two shared cores that outlasts BenchmarkDotNet's default two minutes.
        BuildTimeout = TimeSpan.FromMinutes(10);
    }
}
