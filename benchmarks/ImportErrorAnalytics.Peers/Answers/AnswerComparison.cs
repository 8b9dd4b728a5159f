using System.Globalization;

namespace ImportErrorAnalytics.Peers.Answers;

/// <summary>
/// Compares a peer's answers with iea's, key by key, and lists every difference. Tables are compared as sets of keys
/// (both sides sort by count, then key, so their order adds nothing); each column's top values are compared in order,
/// since the order decides which values make the top: both order by count descending, then the value's UTF-8 bytes,
/// the redacted key last, so ties come out in one order. A column iea counted approximately (more distinct values than
/// its capacity) is compared by its values counted, and each of its values the peer also lists must have a true count
/// inside iea's bounds: iea's list may then hold other values than the peer's exact top.
/// </summary>
public static class AnswerComparison
{
    private const string NullKey = "(null)";

    public static List<string> Differences(PeerAnswers iea, PeerAnswers peer, string peerName)
    {
        ArgumentNullException.ThrowIfNull(iea);
        ArgumentNullException.ThrowIfNull(peer);
        var differences = new List<string>();
        void Same<T>(string what, T ours, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(ours, theirs))
            {
                differences.Add($"{what}: iea {Show(ours)}, {peerName} {Show(theirs)}");
            }
        }

        Same("errors", iea.Errors, peer.Errors);
        Same("redacted values", iea.RedactedValues, peer.RedactedValues);
        CompareCounts("error types", iea.ErrorTypes, peer.ErrorTypes, differences, peerName);
        CompareCounts("object types", iea.ObjectTypes, peer.ObjectTypes, differences, peerName);
        CompareKeyed("columns", iea.Columns, peer.Columns, c => c.Column, (column, ours, theirs) =>
        {
            Same($"column {column}: property", ours.Property, theirs.Property);
            Same($"column {column}: errors", ours.Count, theirs.Count);
            CompareCounts($"column {column}: error types", ours.ErrorTypes, theirs.ErrorTypes, differences, peerName);
        }, differences, peerName);
        CompareKeyed("top values", iea.TopValues, peer.TopValues, c => c.Column, (column, ours, theirs) =>
        {
            Same($"column {column}: values counted", ours.ValuesCounted, theirs.ValuesCounted);
            if (ours.Exact)
            {
                Same($"column {column}: distinct values", ours.DistinctValues, theirs.DistinctValues);
                Same($"column {column}: top values", string.Join(", ", ours.Values.Select(Show)), string.Join(", ", theirs.Values.Take(ours.Values.Count).Select(Show)));
                return;
            }

            foreach (var value in ours.Values)
            {
                if (theirs.Values.FirstOrDefault(v => v.Value == value.Value && v.Length == value.Length) is { } exact
                    && (exact.Count > value.Count || exact.Count < value.Count - value.MaxError))
                {
                    differences.Add($"column {column}: value {Show(value)} has {peerName}'s exact count {exact.Count}, outside iea's bounds");
                }
            }
        }, differences, peerName);
        CompareKeyed("files", iea.Files, peer.Files, f => f.FileId, (file, ours, theirs) =>
        {
            Same($"file {file}: errors", ours.Errors, theirs.Errors);
            Same($"file {file}: file-wide errors", ours.FileWideErrors, theirs.FileWideErrors);
            Same($"file {file}: errors without a line", ours.ErrorsWithoutLine, theirs.ErrorsWithoutLine);
            Same($"file {file}: lines", ours.Lines, theirs.Lines);
            Same($"file {file}: clusters", ours.ClusterCount, theirs.ClusterCount);
            Same($"file {file}: cluster list", Clusters(ours.Clusters), Clusters(theirs.Clusters));
        }, differences, peerName);
        return differences;
    }

    /// <summary>Counts by key: each key whose count differs (or that only one side has), with both counts.</summary>
    private static void CompareCounts(string what, IReadOnlyList<KeyCount> ours, IReadOnlyList<KeyCount> theirs, List<string> differences, string peerName)
    {
        static Dictionary<string, long> ByKey(IReadOnlyList<KeyCount> counts, List<string> differences, string side, string what)
        {
            var byKey = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var count in counts)
            {
                if (!byKey.TryAdd(count.Key ?? NullKey, count.Count))
                {
                    differences.Add($"{what}: {side} lists {count.Key ?? NullKey} twice");
                }
            }

            return byKey;
        }

        var a = ByKey(ours, differences, "iea", what);
        var b = ByKey(theirs, differences, peerName, what);
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var (x, y) = (a.GetValueOrDefault(key), b.GetValueOrDefault(key));
            if (x != y || a.ContainsKey(key) != b.ContainsKey(key))
            {
                differences.Add($"{what}: {key}: iea {x}, {peerName} {y}");
            }
        }
    }

    private static void CompareKeyed<TRow, TKey>(
        string what, IReadOnlyList<TRow> ours, IReadOnlyList<TRow> theirs, Func<TRow, TKey?> key, Action<string, TRow, TRow> compare, List<string> differences, string peerName)
        where TKey : struct
    {
        var theirsByKey = new Dictionary<string, TRow>(StringComparer.Ordinal);
        foreach (var row in theirs)
        {
            if (!theirsByKey.TryAdd(KeyText(key(row)), row))
            {
                differences.Add($"{what}: {peerName} lists {KeyText(key(row))} twice");
            }
        }

        var oursKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in ours)
        {
            var k = KeyText(key(row));
            oursKeys.Add(k);
            if (theirsByKey.TryGetValue(k, out var other))
            {
                compare(k, row, other);
            }
            else
            {
                differences.Add($"{what}: {k} is in iea's report, not in {peerName}'s answers");
            }
        }

        differences.AddRange(theirsByKey.Keys.Where(k => !oursKeys.Contains(k)).Select(k => $"{what}: {k} is in {peerName}'s answers, not in iea's report"));
    }

    private static string KeyText<TKey>(TKey? key)
        where TKey : struct => key is { } k ? Convert.ToString(k, CultureInfo.InvariantCulture)! : "(null)";

    private static string Clusters(IReadOnlyList<ClusterAnswer> clusters) =>
        string.Join(" ", clusters.OrderBy(c => c.FirstLine).Select(c => $"{c.FirstLine}-{c.LastLine}:{c.Lines}/{c.Errors}"));

    private static string Show(ValueAnswer value) => value.Value is null ? $"[REDACTED]={value.Count}" : $"'{Shorten(value.Value)}'({value.Length})={value.Count}";

    private static string Show<T>(T value) => value switch
    {
        null => "(null)",
        string s => Shorten(s),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), $"... ({text.Length} chars)");
}
