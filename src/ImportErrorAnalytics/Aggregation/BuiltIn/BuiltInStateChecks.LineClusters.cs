using System.Globalization;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The per-file line clusters against their failing lines and the totals.</summary>
internal static partial class BuiltInStateChecks
{
    private static void CheckLineClusters(LineClustersState state, long errors, int gap)
    {
        long sum = 0;
        foreach (var (key, file) in state.Files)
        {
            var name = key == LineClustersState.NoFile ? "without an id" : key.ToString(CultureInfo.InvariantCulture);
            CheckFileCounts(file, $"file {name}");
            sum = checked(sum + file.Errors);
            var onLines = CheckClusters(file, file.Clusters(), gap, name);
            if (checked(onLines + file.FileWideErrors + file.ErrorsWithoutLine) != file.Errors)
            {
                throw Fail($"'lineClusters' counts {file.Errors} errors in file {name}, but {onLines} on its clusters, {file.FileWideErrors} file-wide and {file.ErrorsWithoutLine} without a line.");
            }
        }

        if (state.Other is { } other)
        {
            if (!state.IsFull)
            {
                throw Fail($"'lineClusters' has an other row but keeps only {KeptApart(state.Files, LineClustersState.NoFile)} files apart, fewer than its limit of {state.MaxKeys}.");
            }

            // The other row keeps no lines (lines of different files do not cluster): its reader checked that its file-wide
            // errors and those without a line are at most its errors; the rest were on lines.
            CheckFileCounts(other, "its other row");
            sum = checked(sum + other.Errors);
        }

        if (sum != errors)
        {
            throw Fail($"the files of 'lineClusters' add up to {sum} errors, not the {errors} the totals count.");
        }
    }

    private static void CheckFileCounts(FileLines file, string what)
    {
        if (file.Errors < 1 || file.FileWideErrors < 0 || file.ErrorsWithoutLine < 0)
        {
            throw Fail($"'lineClusters' gives {what} a count that is not positive.");
        }
    }

    /// <summary>
    /// The clusters must be exactly the runs of failing lines (at most <paramref name="gap"/> error-free lines inside
    /// one, more between two), and each must have at least one error per line. Returns the errors on the clusters.
    /// </summary>
    private static long CheckClusters(FileLines file, IReadOnlyList<FileLines.Interval> clusters, int gap, string name)
    {
        var index = -1;
        long previous = -1;
        long lines = 0;
        long errors = 0;
        foreach (var line in file.Lines.Ascending())
        {
            if (line < 1)
            {
                throw Fail($"'lineClusters' marks line {line} of file {name} as failing; lines start at 1.");
            }

            if (index < 0 || line - previous - 1 > gap)
            {
                if (index >= 0)
                {
                    errors = checked(errors + EndCluster(clusters[index], previous, lines, name));
                }

                index++;
                if (index >= clusters.Count || clusters[index].First != line)
                {
                    throw Fail($"'lineClusters' has failing line {line} in file {name} where no cluster of its starts.");
                }

                lines = 0;
            }

            lines++;
            previous = line;
        }

        if (index >= 0)
        {
            errors = checked(errors + EndCluster(clusters[index], previous, lines, name));
        }

        if (index + 1 != clusters.Count)
        {
            throw Fail($"'lineClusters' has a cluster at line {clusters[index + 1].First} of file {name} without its failing lines.");
        }

        return errors;
    }

    private static long EndCluster(FileLines.Interval cluster, long last, long lines, string name)
    {
        if (cluster.Last != last)
        {
            throw Fail($"'lineClusters' ends the cluster at line {cluster.First} of file {name} at line {cluster.Last}, its failing lines at {last}.");
        }

        if (cluster.Errors < lines)
        {
            throw Fail($"'lineClusters' counts {cluster.Errors} errors on the {lines} failing lines of the cluster at line {cluster.First} of file {name}.");
        }

        return cluster.Errors;
    }
}
