using System.Globalization;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Cli;

/// <summary>Quality gates for a post-import step: each tripped gate is a reason to exit with 1.</summary>
internal sealed record Gates(long? MaxErrors, double? MaxErrorRate, IReadOnlySet<string> ForbiddenTypes)
{
    /// <summary>The tripped gates' reasons (empty when the import passes).</summary>
    /// <exception cref="GateUnavailableException">A gate needs what the report does not have (the row total).</exception>
    public IReadOnlyList<string> Check(ImportErrorReport report)
    {
        var reasons = new List<string>();
        var errors = report.Totals.Errors;
        if (MaxErrors is { } max && errors > max)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{errors:N0} errors, more than the {max:N0} allowed (--fail-if-errors)."));
        }

        if (MaxErrorRate is { } maxRate)
        {
            var rates = report.Sources.Select(s => s.ErrorRate).ToList();
            if (rates.Count == 0 || rates.Any(r => r is null))
            {
                throw new GateUnavailableException("--fail-if-error-rate needs the import's row total (TOTAL_ROWS), and HubSpot did not report one for this input.");
            }

            var rate = rates.Max()!.Value;
            if (rate > maxRate)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"an error rate of {rate:P2}, above the {maxRate:P2} allowed (--fail-if-error-rate)."));
            }
        }

        foreach (var type in report.ErrorTypes.Where(t => t.ErrorType is not null && ForbiddenTypes.Contains(t.ErrorType)))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{type.Count:N0} errors of type {type.ErrorType} (--fail-if-type)."));
        }

        return reasons;
    }
}

/// <summary>A gate cannot be evaluated on this report.</summary>
internal sealed class GateUnavailableException(string message) : Exception(message);
