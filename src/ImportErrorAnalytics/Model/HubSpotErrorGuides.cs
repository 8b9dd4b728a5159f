using System.Collections.Frozen;
using System.Text.Json;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// A guide for each error type HubSpot documents (the <see cref="HubSpotNames.ErrorTypes"/> of the same API version,
/// 2026-03): kept as data in the embedded <c>hubspot-error-guides-2026-03.json</c> beside the enum list.
/// </summary>
public static class HubSpotErrorGuides
{
    /// <summary>The longest <see cref="HubSpotErrorGuide.Summary"/> the guides may have, in characters.</summary>
    internal const int MaxSummaryLength = 100;

    private static readonly Lazy<FrozenDictionary<string, HubSpotErrorGuide>> Loaded = new(Load);

    /// <summary>Every guide, sorted by error type (ordinally).</summary>
    public static IReadOnlyList<HubSpotErrorGuide> All => [.. Loaded.Value.Values.OrderBy(g => g.ErrorType, StringComparer.Ordinal)];

    /// <summary>Finds the guide for <paramref name="errorType"/>.</summary>
    /// <param name="errorType">An error type name, compared ordinally; <see langword="null"/> finds nothing.</param>
    /// <param name="guide">The guide, or <see langword="null"/> when the type has none (a type newer than the list).</param>
    /// <returns>Whether a guide was found.</returns>
    public static bool TryGet(string? errorType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubSpotErrorGuide? guide)
    {
        guide = null;
        return errorType is not null && Loaded.Value.TryGetValue(errorType, out guide);
    }

    private static FrozenDictionary<string, HubSpotErrorGuide> Load()
    {
        using var stream = typeof(HubSpotErrorGuides).Assembly.GetManifestResourceStream("ImportErrorAnalytics.hubspot-error-guides.json")
            ?? throw new InvalidOperationException("The embedded HubSpot error guides are missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var guides = new Dictionary<string, HubSpotErrorGuide>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("guides").EnumerateArray())
        {
            var type = Required(entry, "errorType");
            var link = entry.TryGetProperty("link", out var l) ? l.GetString() : null;
            if (!guides.TryAdd(type, new HubSpotErrorGuide(type, Required(entry, "id"), Required(entry, "summary"), Required(entry, "text"), string.IsNullOrEmpty(link) ? null : link)))
            {
                throw new InvalidOperationException($"The embedded HubSpot error guides name {type} twice.");
            }
        }

        return guides.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Required(JsonElement entry, string name) =>
        entry.GetProperty(name).GetString() ?? throw new InvalidOperationException($"An embedded HubSpot error guide has no {name}.");
}
