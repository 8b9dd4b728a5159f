using System.Globalization;
using ImportErrorAnalytics.Orleans;
using ImportErrorAnalytics.Reporting;

namespace OrleansFleet;

/// <summary>What the sample prints: progress, each import, each account's measured request rate, and the fleet roll-up.</summary>
internal static class FleetPrinter
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    public static void Progress(TimeSpan elapsed, FleetRollup rollup) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{elapsed.TotalSeconds,4:F0} s] {rollup.Imports.Count(i => i.IsFinished)}/{rollup.Imports.Count} imports done, {rollup.Imports.Sum(i => i.Pages):N0} pages, {rollup.Imports.Sum(i => i.Errors):N0} errors"));

    public static void Imports(FleetRollup rollup)
    {
        Console.WriteLine();
        Console.WriteLine("account     import      state      pages   errors  silo");
        foreach (var import in rollup.Imports)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{import.AccountId,-11} {import.ImportId,-11} {import.State,-9} {import.Pages,6:N0} {import.Errors,8:N0}  {import.Silo}{(import.Failure is null ? "" : "  " + import.Failure)}"));
        }
    }

    public static void RequestRates(SampleAccounts accounts)
    {
        Console.WriteLine();
        Console.WriteLine($"Requests per account, from each fake HubSpot's log (budget {accounts.Budget} per 10 s, shared by the account's import grains):");
        foreach (var (accountId, server) in accounts.Servers)
        {
            var log = server.Requests.Snapshot();
            var span = log.Count > 1 ? log[^1].Timestamp - log[0].Timestamp : TimeSpan.Zero;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {accountId}: {log.Count} requests over {span.TotalSeconds:F1} s, at most {server.Requests.MaxRequestsInWindow(TenSeconds)} in any 10 s, {log.Count(e => e.RefusedByRateLimit)} refused (429)"));
        }
    }

    public static void Rollup(ImportErrorReport report)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Fleet roll-up: {report.Sources.Count} imports, {report.Totals.Errors:N0} errors on {report.Totals.Pages:N0} pages, {report.Totals.RedactedValues:N0} sensitive values redacted"));
        Console.WriteLine("  top error types: " + string.Join(", ", report.ErrorTypes.Take(5).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.ErrorType} {t.Count:N0}"))));
        Console.WriteLine("  top columns:     " + string.Join(", ", report.Columns.Take(5).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Property ?? "(none)"} (column {c.Column}) {c.Count:N0}"))));
    }
}
