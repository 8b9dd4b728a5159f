using System.Text.RegularExpressions;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// Keeps the on-disk aggregator cache bounded. An entry is a <c>&lt;hash&gt;.dll</c> and its manifest <c>&lt;hash&gt;.json</c>;
/// its age is the dll's last write time, which a cache hit refreshes. After each new entry is written, entries unused
/// for <see cref="MaxAge"/> are deleted, then all but the newest <see cref="MaxEntries"/>, and temporary files that a
/// killed run left behind for more than <see cref="AbandonedTempAge"/>. Only files named like cache files are touched,
/// so <c>IEA_AGGREGATOR_CACHE</c> may point at a folder holding other files.
/// </summary>
internal static partial class AggregatorCachePruning
{
    /// <summary>How long an entry survives without being used.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>How many entries are kept at most.</summary>
    public const int MaxEntries = 64;

    /// <summary>When a temporary file is surely not being written any more.</summary>
    public static readonly TimeSpan AbandonedTempAge = TimeSpan.FromHours(1);

    /// <summary>Deletes what the limits exclude; returns the number of entries deleted. Never throws for I/O.</summary>
    /// <param name="directory">The cache folder.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxEntries">The number of entries to keep at most.</param>
    public static int Prune(string directory, DateTimeOffset now, int maxEntries = MaxEntries)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        try
        {
            var entries = new List<(string Hash, DateTime LastUsed)>();
            foreach (var path in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(path);
                if (EntryImage().Match(name) is { Success: true } entry)
                {
                    entries.Add((entry.Groups["hash"].Value, File.GetLastWriteTimeUtc(path)));
                }
                else if (TempFile().IsMatch(name) && now.UtcDateTime - File.GetLastWriteTimeUtc(path) > AbandonedTempAge)
                {
                    TryDelete(path);
                }
                else if (EntryManifest().Match(name) is { Success: true } orphan && !File.Exists(Path.Combine(directory, orphan.Groups["hash"].Value + ".dll"))
                    && now.UtcDateTime - File.GetLastWriteTimeUtc(path) > AbandonedTempAge)
                {
                    TryDelete(path); // A manifest whose image is gone (deleted by hand, or by a run killed while pruning).
                }
            }

            var newestFirst = entries.OrderByDescending(e => e.LastUsed).ThenBy(e => e.Hash, StringComparer.Ordinal).ToList();
            var deleted = 0;
            for (var i = 0; i < newestFirst.Count; i++)
            {
                var (hash, lastUsed) = newestFirst[i];
                if (i >= maxEntries || now.UtcDateTime - lastUsed > MaxAge)
                {
                    TryDelete(Path.Combine(directory, hash + ".dll"));
                    TryDelete(Path.Combine(directory, hash + ".json"));
                    deleted++;
                }
            }

            return deleted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0; // Pruning is housekeeping: a folder that cannot be listed is left as it is.
        }
    }

    /// <summary>Marks the entry of <paramref name="hash"/> as used now, so pruning keeps it.</summary>
    public static void Touch(string directory, string hash, DateTimeOffset now)
    {
        try
        {
            File.SetLastWriteTimeUtc(Path.Combine(directory, hash + ".dll"), now.UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only cache still serves hits; the entry just ages.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // In use by another run, or not ours to delete: the next prune tries again.
        }
    }

    [GeneratedRegex("^(?<hash>[0-9a-f]{64})\\.dll$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryImage();

    [GeneratedRegex("^(?<hash>[0-9a-f]{64})\\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryManifest();

    /// <summary>The temporary files of <see cref="ImportErrorAnalytics.Files.AtomicFile"/> writing an entry's files.</summary>
    [GeneratedRegex("^\\.[0-9a-f]{64}\\.(dll|json)\\.[0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempFile();
}
