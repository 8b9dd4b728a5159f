using System;
using System.Collections.Generic;
using System.IO;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>
/// The documented HubSpot error types, read once from the enum list the library's parser also embeds
/// (<c>src/ImportErrorAnalytics/Model/hubspot-enums-2026-03.txt</c>).
/// </summary>
internal static class KnownErrorTypes
{
    private const string ResourceName = "ImportErrorAnalytics.Analyzers.hubspot-enums.txt";
    private const string Section = "PublicImportError.errorType";

    private static readonly Lazy<Loaded> Values = new(Load);

    public static IReadOnlyList<string> All => Values.Value.List;

    public static bool Contains(string name) => Values.Value.Set.Contains(name);

    /// <summary>The known name closest to <paramref name="name"/> by edit distance (case-insensitive; ties keep list order).</summary>
    public static string Closest(string name)
    {
        var upper = name.ToUpperInvariant();
        var best = All[0];
        var bestDistance = int.MaxValue;
        foreach (var candidate in All)
        {
            var distance = Levenshtein.Distance(upper, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static Loaded Load()
    {
        using var stream = typeof(KnownErrorTypes).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The embedded HubSpot enum list is missing from the analyzer assembly.");
        using var reader = new StreamReader(stream);
        var list = new List<string>();
        var inSection = false;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                var title = line.Substring(4).Split(' ')[0];
                inSection = title == Section;
            }
            else if (inSection && line.Trim().Length > 0)
            {
                list.Add(line.Trim());
            }
        }

        return new Loaded(list, new HashSet<string>(list, StringComparer.Ordinal));
    }

    private sealed class Loaded(List<string> list, HashSet<string> set)
    {
        public List<string> List { get; } = list;

        public HashSet<string> Set { get; } = set;
    }
}
