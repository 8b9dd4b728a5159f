using System.Diagnostics.CodeAnalysis;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// HubSpot import ids and their one canonical spelling. HubSpot's Imports API types <c>{importId}</c> as an int64 and
/// sends an import's <c>id</c> as that number in a string, so <c>01</c> and <c>1</c> name one import. Everything this
/// library keys by import (requests, reports, per-import rows, checkpoints, snapshots and their merges) uses the
/// canonical id: the decimal number without leading zeros.
/// </summary>
/// <remarks>
/// An import id is written in the ASCII digits <c>0</c>-<c>9</c> only, leading zeros allowed: no sign, no spaces
/// (around it or inside), no exponent, separators or other scripts' digits. Its value is 1 to
/// 9,223,372,036,854,775,807 (<see cref="long.MaxValue"/>): HubSpot's spec sets no minimum, but its ids are assigned
/// from 1 up, and 0 is what an unset id reads as, so 0 names no import.
/// </remarks>
public static class HubSpotImportIds
{
    /// <summary><see cref="long.MaxValue"/> in decimal: the largest import id.</summary>
    private const string MaxValueDigits = "9223372036854775807";

    /// <summary>What an import id is, for messages.</summary>
    internal const string Rule = "a whole number from 1 to 9223372036854775807 in the digits 0-9";

    /// <summary>Reads an import id and gives its canonical spelling.</summary>
    /// <param name="text">The id as given, e.g. <c>"184448894"</c> or <c>"0184448894"</c>.</param>
    /// <param name="canonical">The id without leading zeros (<paramref name="text"/> itself when it has none).</param>
    /// <returns>Whether <paramref name="text"/> is an import id.</returns>
    public static bool TryCanonicalize([NotNullWhen(true)] string? text, [NotNullWhen(true)] out string? canonical)
    {
        canonical = Problem(text, out var start) is null ? (start == 0 ? text : text![start..]) : null;
        return canonical is not null;
    }

    /// <summary>The canonical spelling of an import id given to an API.</summary>
    /// <param name="importId">The id as given.</param>
    /// <param name="parameterName">The parameter that took it, named in the exception.</param>
    /// <returns>The id without leading zeros.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="importId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="importId"/> is not an import id; the message quotes it and says why.</exception>
    public static string Canonicalize(string importId, string? parameterName = null)
    {
        ArgumentNullException.ThrowIfNull(importId, parameterName ?? nameof(importId));
        return TryCanonicalize(importId, out var canonical)
            ? canonical
            : throw new ArgumentException(Describe(importId), parameterName ?? nameof(importId));
    }

    /// <summary>Whether <paramref name="text"/> is an import id in its canonical spelling (no leading zero).</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when <see cref="TryCanonicalize"/> would give <paramref name="text"/> back unchanged.</returns>
    public static bool IsCanonical([NotNullWhen(true)] string? text) => Problem(text, out var start) is null && start == 0;

    /// <summary>A sentence saying that <paramref name="text"/> (quoted and escaped onto one line) is not an import id, and why.</summary>
    internal static string Describe(string? text) => $"{UntrustedText.Quote(text)} is not a HubSpot import id ({Rule}): {Why(text) ?? "it is one"}.";

    /// <summary>Why <paramref name="text"/> is not an import id (a clause without its full stop), or <see langword="null"/> when it is one.</summary>
    internal static string? Why(string? text) => Problem(text, out _);

    /// <summary>
    /// Why <paramref name="text"/> is not an import id, or <see langword="null"/> when it is one; then
    /// <paramref name="start"/> is where its digits start after the leading zeros.
    /// </summary>
    private static string? Problem(string? text, out int start)
    {
        start = 0;
        if (string.IsNullOrEmpty(text))
        {
            return text is null ? "there is none" : "it is empty";
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return "it holds characters other than the digits 0-9";
            }
        }

        while (start < text.Length && text[start] == '0')
        {
            start++;
        }

        var digits = text.Length - start;
        if (digits == 0)
        {
            start = 0;
            return "it is 0, and HubSpot numbers its imports from 1";
        }

        if (digits > MaxValueDigits.Length
            || (digits == MaxValueDigits.Length && string.CompareOrdinal(text, start, MaxValueDigits, 0, digits) > 0))
        {
            start = 0;
            return "it is larger than 9223372036854775807, the largest int64";
        }

        return null;
    }
}
