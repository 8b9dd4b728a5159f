using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>Allocated bytes per operation divided by the errors the operation read (the <c>Errors</c> parameter, else 100,000).</summary>
public sealed class AllocatedPerRecordColumn : IColumn
{
    public string Id => nameof(AllocatedPerRecordColumn);

    public string ColumnName => "Alloc/record";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Allocated bytes per operation / errors read (B)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var report = summary[benchmarkCase];
        if (report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is not { } bytes)
        {
            return "?";
        }

        var errors = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Errors")?.Value is int n ? n : BenchmarkData.Errors;
        return ((double)bytes / errors).ToString("0.000", CultureInfo.InvariantCulture) + " B";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
