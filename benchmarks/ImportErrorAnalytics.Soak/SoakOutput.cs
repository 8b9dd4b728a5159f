using System.Globalization;

namespace ImportErrorAnalytics.Soak;

/// <summary>Prints the soak's figures and its targets, met or missed.</summary>
internal static class SoakOutput
{
    public static void Print(SoakResult result, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("Throughput per tenth of the errors (committed by the pipeline):");
        output.WriteLine("| tenth | errors | seconds | errors/s | errors per CPU s | working set MB | GC gen0 | gen1 | gen2 |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var tenth in result.Tenths)
        {
            output.WriteLine(string.Create(culture,
                $"| {tenth.Number} | {tenth.FirstError:N0}-{tenth.LastError:N0} | {tenth.Duration.TotalSeconds:F2} | {tenth.ErrorsPerSecond:N0} | {tenth.ErrorsPerCpuSecond:N0} | {tenth.WorkingSet / 1e6:F1} | {tenth.Gen0} | {tenth.Gen1} | {tenth.Gen2} |"));
        }

        var middle = result.Tenths.Skip(1).Take(8).Select(t => t.ErrorsPerSecond).Order().ToList();
        var median = (middle[3] + middle[4]) / 2;
        output.WriteLine();
        output.WriteLine(string.Create(culture,
            $"For reading only (not a target): median of tenths 2-9 {median:N0} errors/s; first tenth {result.Tenths[0].ErrorsPerSecond / median:F3} of it, last tenth {result.Tenths[^1].ErrorsPerSecond / median:F3} of it"));
        output.WriteLine(string.Create(culture, $"Elapsed {result.Elapsed.TotalSeconds:F1} s, {result.Arguments.Errors / result.Elapsed.TotalSeconds:N0} errors/s overall, {result.Report.Totals.Bytes / 1e9:F2} GB of JSON in {result.Report.Totals.Pages:N0} pages"));
        output.WriteLine(string.Create(culture, $"Load average (1 min) {result.LoadAverage.Start:F2} at the start, {result.LoadAverage.End:F2} at the end (the machine is shared: wall-clock rates move with it)"));
        output.WriteLine(string.Create(culture, $"Peak working set {result.PeakWorkingSet / 1e6:F1} MB (Process.PeakWorkingSet64), {result.PeakSampledWorkingSet / 1e6:F1} MB (highest sample)"));
        output.WriteLine(string.Create(culture, $"GC collections gen0 {result.Collections.Gen0}, gen1 {result.Collections.Gen1}, gen2 {result.Collections.Gen2}; {result.AllocatedBytes / 1e9:F2} GB allocated (generator included)"));
        output.WriteLine();
        output.WriteLine("Top invalid values per column (the report's exact flags):");
        output.WriteLine("| column | property | exact | distinct values | at least | values counted | largest maxError | tracked |");
        output.WriteLine("|---:|---|---|---:|---:|---:|---:|---|");
        foreach (var column in result.Report.TopInvalidValues)
        {
            var tracked = column.Column is { } number && result.TrackedColumns.Contains(number) ? "yes" : "no";
            var widest = column.Values.Count == 0 ? 0 : column.Values.Max(v => v.MaxError);
            output.WriteLine(string.Create(culture,
                $"| {column.Column} | {column.Property} | {column.Exact} | {column.DistinctValues?.ToString("N0", culture) ?? "-"} | {column.DistinctValuesAtLeast:N0} | {column.ValuesCounted:N0} | {widest:N0} | {tracked} |"));
        }

        output.WriteLine();
        output.WriteLine("Targets and checks:");
        foreach (var check in result.Checks)
        {
            output.WriteLine($"  [{(check.Met ? "met" : "MISSED")}] {check.Name}: {check.Detail}");
        }

        var missed = result.Checks.Count(c => !c.Met);
        output.WriteLine();
        output.WriteLine(missed == 0 ? $"All {result.Checks.Count} targets and checks met." : $"{missed} of {result.Checks.Count} targets or checks MISSED.");
    }
}
