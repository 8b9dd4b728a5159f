using System.Globalization;
using ImportErrorAnalytics.Comparison;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli;

/// <summary>The gates of <c>iea diff</c>: each tripped gate is a reason to exit with 1.</summary>
/// <param name="FailIfNewType">Trip on an error type counted after and not before.</param>
/// <param name="MaxIncreasePercent">Trip when the error rate (when both reports know their rows), else the errors, grew by more than this percentage.</param>
internal sealed record DiffGates(bool FailIfNewType, double? MaxIncreasePercent)
{
    /// <summary>The tripped gates' reasons (empty when the diff passes).</summary>
    public IReadOnlyList<string> Check(ReportDiff diff)
    {
        var reasons = new List<string>();
        if (FailIfNewType)
        {
            foreach (var type in diff.ErrorTypes.Where(type => type.Kind == ChangeKind.New))
            {
                reasons.Add(Invariant($"a new error type {UntrustedText.Quote(type.Key)} with {type.After:N0} errors (--fail-if-new-type)."));
            }
        }

        if (MaxIncreasePercent is { } max)
        {
            if (diff.ErrorRateBefore is { } rateBefore && diff.ErrorRateAfter is { } rateAfter)
            {
                if (Increase(rateBefore, rateAfter) is { } grew && grew > max)
                {
                    reasons.Add(Invariant($"the error rate grew from {rateBefore:P2} to {rateAfter:P2}, {Describe(grew)}, more than the {max}% allowed (--fail-if-increase)."));
                }
            }
            else if (Increase(diff.ErrorsBefore, diff.ErrorsAfter) is { } grew && grew > max)
            {
                reasons.Add(Invariant($"the errors grew from {diff.ErrorsBefore:N0} to {diff.ErrorsAfter:N0}, {Describe(grew)}, more than the {max}% allowed (--fail-if-increase)."));
            }
        }

        return reasons;
    }

    /// <summary>A share given as a percentage, with or without '%': 10, 10% and 2.5 are accepted; negatives are not.</summary>
    public static double? ParsePercent(string text)
    {
        var number = text.EndsWith('%') ? text[..^1] : text;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value) ? value : null;
    }

    /// <summary>The growth in percent; infinity from nothing to something; <see langword="null"/> when it did not grow.</summary>
    private static double? Increase(double before, double after) =>
        after <= before ? null : before == 0 ? double.PositiveInfinity : (after - before) / before * 100;

    private static string Describe(double percent) =>
        double.IsPositiveInfinity(percent) ? "up from none" : Invariant($"up {percent:0.##}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
