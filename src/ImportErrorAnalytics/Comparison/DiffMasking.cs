using System.Text;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Comparison;

/// <summary>
/// How the top values of two reports meet when a diff masks values (<c>iea diff --redact-values</c>): the values a
/// report shows in the clear are masked with the diff's key, so they compare with masks that key made; values a report
/// already masked compare only with masks of the same key (<see cref="ReportSettings.MaskKeyId"/>).
/// </summary>
internal static class DiffMasking
{
    /// <summary>
    /// The top values of <paramref name="report"/> as the diff compares and shows them: as they are without a key, or
    /// with every value shown in the clear replaced by its mask under <paramref name="key"/>. Redacted and masked values
    /// stay as they are.
    /// </summary>
    public static IReadOnlyList<ColumnTopValues> Values(ImportErrorReport report, ValueMaskKey? key) =>
        key is null || report.Settings.MaskValues
            ? report.TopInvalidValues
            : [.. report.TopInvalidValues.Select(column => new ColumnTopValues
            {
                Column = column.Column,
                Property = column.Property,
                Exact = column.Exact,
                DistinctValues = column.DistinctValues,
                DistinctValuesAtLeast = column.DistinctValuesAtLeast,
                ValuesCounted = column.ValuesCounted,
                Other = column.Other,
                Values = [.. column.Values.Select(value => value.Redacted || value.Masked ? value : new InvalidValueCount
                {
                    Value = key.Mask(Encoding.UTF8.GetBytes(value.Value)),
                    Count = value.Count,
                    MaxError = value.MaxError,
                    Masked = true,
                })],
            })];

    /// <summary>The id of the key whose masks the compared values are, or <see langword="null"/> when they are shown in the clear.</summary>
    public static string? KeyIdOf(ImportErrorReport report, ValueMaskKey? key) =>
        report.Settings.MaskValues ? report.Settings.MaskKeyId ?? UnknownKey : key?.Id;

    /// <summary>Why the masks of the two reports (with the diff's key) do not compare; <see langword="null"/> when they do.</summary>
    public static string? Problem(ImportErrorReport before, ImportErrorReport after, ValueMaskKey? key)
    {
        var beforeKey = KeyIdOf(before, key);
        var afterKey = KeyIdOf(after, key);
        if (beforeKey == UnknownKey || afterKey == UnknownKey)
        {
            return "a report shows masked values (keyed hashes) without saying which key made them (it was written before reports named their key): masks made with different keys never match.";
        }

        if (string.Equals(beforeKey, afterKey, StringComparison.Ordinal))
        {
            // Masks of cut values are masks of their shown start, not of the value: they match no whole value's mask.
            return before.Settings.MaskValues != after.Settings.MaskValues && (HasCutValues(before, key) || HasCutValues(after, key))
                ? "a report shows values cut to its display length in the clear, and a mask of a cut value cannot match the other report's mask of the whole value; write the reports with --redact-values and one key (--redact-key-env) to compare them."
                : null;
        }

        if (beforeKey is null || afterKey is null)
        {
            return "one report shows masked values (keyed hashes) and the other shows values in the clear: give 'iea diff' the masked report's key (--redact-key-env) to mask the other's values with it.";
        }

        var given = key is null ? "" : " (or not the key given to the diff)";
        return $"the reports' values are masked with different keys{given}: masks of different keys never match; use one key (--redact-key-env) for both runs.";
    }

    private const string UnknownKey = "(unknown key)";

    private static bool HasCutValues(ImportErrorReport report, ValueMaskKey? key) =>
        key is not null && !report.Settings.MaskValues && report.TopInvalidValues.Any(column => column.Values.Any(value => value.Truncated));
}
