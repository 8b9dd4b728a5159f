using System.Collections.Frozen;
using System.Reflection;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// The enum values HubSpot's Imports API (2026-03) documents: error types and object types.
/// Values HubSpot adds later are still parsed and counted; these lists only say which ones were known.
/// </summary>
public static class HubSpotNames
{
    private static readonly Lazy<Lists> Loaded = new(Load);

    /// <summary>The documented <c>errorType</c> values (68 in the 2026-03 spec).</summary>
    public static IReadOnlyList<string> ErrorTypes => Loaded.Value.ErrorTypes;

    /// <summary>The documented <c>objectType</c> values (161 in the 2026-03 spec).</summary>
    public static IReadOnlyList<string> ObjectTypes => Loaded.Value.ObjectTypes;

    /// <summary>Whether <paramref name="errorType"/> is one of the documented error types.</summary>
    /// <param name="errorType">An error type name, compared ordinally.</param>
    public static bool IsKnownErrorType([ErrorTypeName] string errorType) => Loaded.Value.ErrorTypeSet.Contains(errorType);

    /// <summary>The documented error types, numbered 1 to <see cref="KnownErrorTypeCount"/> in every run's table.</summary>
    internal static NameSeed ErrorTypeSeed => Seeds.ErrorType;

    /// <summary>The documented object types.</summary>
    internal static NameSeed ObjectTypeSeed => Seeds.ObjectType;

    /// <summary>Error type ids above this are not documented (the unknown-name bucket included).</summary>
    internal static int KnownErrorTypeCount => Seeds.ErrorType.Count;

    private static Lists Load()
    {
        using var stream = typeof(HubSpotNames).Assembly.GetManifestResourceStream("ImportErrorAnalytics.hubspot-enums.txt")
            ?? throw new InvalidOperationException("The embedded HubSpot enum list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                var title = line[4..].Split(' ', 2)[0];
                current = [];
                sections[title] = current;
            }
            else if (current is not null && line.Length > 0)
            {
                current.Add(line.Trim());
            }
        }

        var errorTypes = sections["PublicImportError.errorType"];
        var objectTypes = sections["PublicImportError.objectType"];
        return new Lists(errorTypes.AsReadOnly(), objectTypes.AsReadOnly(), errorTypes.ToFrozenSet(StringComparer.Ordinal));
    }

    private sealed record Lists(IReadOnlyList<string> ErrorTypes, IReadOnlyList<string> ObjectTypes, FrozenSet<string> ErrorTypeSet);

    /// <summary>Immutable, so one copy serves every run; each run numbers the names it meets in its own tables.</summary>
    private static class Seeds
    {
        public static readonly NameSeed ErrorType = new(ErrorTypes);
        public static readonly NameSeed ObjectType = new(ObjectTypes);
    }
}
