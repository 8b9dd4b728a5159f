using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>Reports compared as their whole JSON text.</summary>
internal static class ReportJson
{
    public static string Of(ImportErrorReport? report) => JsonReport.ToJson(report ?? throw new InvalidOperationException("No report."));

    public static string Of(ReportSnapshot snapshot) => Of(snapshot.CreateReport());

    public static string OfMerge(IEnumerable<ReportSnapshot> snapshots) => Of(ReportSnapshot.Merge(snapshots));
}
