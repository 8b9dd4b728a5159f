using System.Globalization;
using ImportErrorAnalytics.Orleans;

namespace OrleansFleet;

/// <summary>The figures of a run on silo processes: imports per minute, time to resume after kill -9, PostgreSQL writes per page.</summary>
internal static class Measure
{
    /// <summary>A kill: when, which silo, and the imports that were running on it.</summary>
    internal sealed record Kill(DateTimeOffset At, string Silo, IReadOnlyList<ImportStatus> Orphans);

    /// <summary>kill -9 of the process running the most unfinished imports.</summary>
    public static Kill? KillBusiestSilo(SiloProcesses processes, FleetRollup rollup)
    {
        var busiest = rollup.Imports.Where(i => i is { State: ImportState.Running, Silo: not null })
            .GroupBy(i => i.Silo!).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (busiest is null)
        {
            return null;
        }

        var at = DateTimeOffset.UtcNow;
        processes.Kill(busiest.Key);
        Console.WriteLine($"  kill -9 of {busiest.Key}, running {busiest.Count()} imports");
        return new Kill(at, busiest.Key, [.. busiest]);
    }

    public static void Print(
        SampleOptions options, FleetRollup rollup, TimeSpan elapsed, Kill? kill, SampleAccounts accounts,
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        var completed = rollup.Imports.Count(i => i.State == ImportState.Completed);
        var pages = rollup.Imports.Sum(i => i.Pages);
        var writes = string.Join(", ", after.Select(t => string.Create(
            CultureInfo.InvariantCulture, $"{t.Key} {(pages == 0 ? 0 : (double)(t.Value - before.GetValueOrDefault(t.Key)) / pages):F2}")));
        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"measure: processes {options.Processes}, accounts {options.Accounts}, imports {completed}/{rollup.Imports.Count} completed, {pages} pages in {elapsed.TotalSeconds:F1} s: {completed / elapsed.TotalMinutes:F1} imports per minute"));
        Console.WriteLine("measure: PostgreSQL rows written (inserted + updated) per page: " + writes);
        if (kill is not null)
        {
            // From the kill to the first page answered for each import that ran on the killed silo (the fake's log).
            var resumes = kill.Orphans.Select(orphan => accounts.Servers[orphan.AccountId].Requests.ErrorsRequests(orphan.ImportId)
                    .FirstOrDefault(r => r.Succeeded && r.Timestamp > kill.At) is { } first ? (first.Timestamp - kill.At).TotalSeconds : double.NaN)
                .Order().ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"measure: after kill -9 of {kill.Silo}: {kill.Orphans.Count} imports resumed after {string.Join(", ", resumes.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))} s (median {resumes[resumes.Count / 2]:F1} s)"));
        }
    }
}
