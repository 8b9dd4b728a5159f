using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// Builds the report from merged aggregator states and the run's own counters: the built-ins' tables found by their
/// aggregator (<see cref="BuiltInSlots"/>), then every custom aggregator's result under its name.
/// </summary>
internal static class ReportAssembler
{
    public static ImportErrorReport Build(
        BuiltInAggregators builtIns,
        IReadOnlyList<AggregatorSlot> slots,
        RunCounters counters,
        IReadOnlyList<SkippedInput> skipped,
        IReadOnlyList<Model.HubSpotImport> imports,
        bool complete,
        IReadOnlyList<ReportSource>? sources = null,
        PerImportTables? perImport = null)
    {
        var options = builtIns.Settings;
        var builtIn = BuiltInSlots.Of(slots);
        var totals = builtIn.Totals.State;
        var columns = builtIn.Columns.State;
        var topValues = builtIn.TopValues.State;
        var custom = new Dictionary<string, CustomAggregatorResult>(StringComparer.Ordinal);
        foreach (var slot in BuiltInSlots.Custom(slots))
        {
            custom[slot.Aggregator.Name] = new CustomAggregatorResult(slot);
        }

        var lineClusters = builtIn.LineClusters.GetResult();
        var failingLines = lineClusters.Sum(file => file.Lines);
        var errorTypes = builtIn.ErrorTypes.GetResult();
        var columnSummaries = builtIn.Columns.GetResult();
        var objectTypes = builtIn.ObjectTypes.GetResult();
        var topInvalidValues = builtIns.TopValues.GetResult(topValues, columns);
        return new ImportErrorReport
        {
            Complete = complete,
            Sources = sources ?? imports.Select(import => imports.Count == 1
                ? DescribeImport(import, totals.Errors, failingLines)
                : DescribeImport(import, null, null)).ToList(),
            Totals = new ReportTotals
            {
                Errors = totals.Errors,
                Pages = counters.Pages,
                Inputs = counters.Inputs,
                Bytes = counters.Bytes,
                RedactedValues = totals.RedactedValues,
                UnknownErrorTypeErrors = totals.UnknownErrorTypeErrors,
                Skipped = skipped.Count,
            },
            Settings = new ReportSettings
            {
                Top = options.Top,
                DistinctCapacity = options.DistinctCapacity,
                ClusterGap = options.ClusterGap,
                MaxClusters = options.MaxClusters,
                ValueDisplayLength = options.ValueDisplayLength,
                MaxDistinctKeys = options.MaxDistinctKeys,
                MaskValues = builtIns.TopValues.MaskKey is not null,
                MaskKeyId = builtIns.TopValues.MaskKey?.Id,
                ShowStandardSensitivity = options.ShowStandardSensitivity,
            },
            ErrorTypes = errorTypes,
            Columns = columnSummaries,
            ObjectTypes = objectTypes,
            TopInvalidValues = topInvalidValues,
            LineClusters = lineClusters,
            OtherRows = OtherRows(
                ("errorTypes", errorTypes.Where(t => t.Other).Sum(t => t.Count)),
                ("objectTypes", objectTypes.Where(t => t.Other).Sum(t => t.Count)),
                ("columns", columnSummaries.Where(c => c.Other).Sum(c => c.Count)),
                ("topInvalidValues", topInvalidValues.Where(c => c.Other).Sum(c => c.ValuesCounted)),
                ("lineClusters", lineClusters.Where(f => f.Other).Sum(f => f.Errors))),
            Skipped = InOrder(skipped),
            Custom = custom,
            PerImport = perImport,
        };
    }

    /// <summary>The tables whose other row counted anything; <see langword="null"/> when none did.</summary>
    private static List<OtherRowSummary>? OtherRows(params (string Table, long Errors)[] tables)
    {
        var used = tables.Where(t => t.Errors > 0).Select(t => new OtherRowSummary { Table = t.Table, Errors = t.Errors }).ToList();
        return used.Count == 0 ? null : used;
    }

    /// <summary>Skipped inputs by source, page and offset: workers skip them in any order, and merged snapshots add theirs.</summary>
    private static List<SkippedInput> InOrder(IReadOnlyList<SkippedInput> skipped)
    {
        var sorted = skipped.ToList();
        sorted.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Source, b.Source);
            c = c != 0 ? c : a.Page.CompareTo(b.Page);
            c = c != 0 ? c : a.ByteOffset.CompareTo(b.ByteOffset);
            c = c != 0 ? c : a.Record.CompareTo(b.Record);
            return c != 0 ? c : string.CompareOrdinal(a.Reason, b.Reason);
        });
        return sorted;
    }

    /// <param name="import">The import as HubSpot describes it.</param>
    /// <param name="errors">Its errors, or null when the run read several imports together and cannot tell them apart.</param>
    /// <param name="failingLines">Its distinct failing lines, likewise.</param>
    private static ReportSource DescribeImport(Model.HubSpotImport import, long? errors, long? failingLines)
    {
        var rows = import.TotalRows;
        var warnings = new List<string>();
        if (!import.IsDone)
        {
            warnings.Add($"The import is {(import.State is null ? "in an unknown state" : "in state " + UntrustedText.Quote(import.State))}, not DONE: its errors may still grow.");
        }

        if (errors is null)
        {
            warnings.Add("This report counts several imports together, so it gives no error rate per import; one report per import (iea report with several --import-id, or RunPerImportAsync) gives each import's rates.");
        }

        return new ReportSource
        {
            ImportId = import.Id,
            ImportName = import.Name,
            State = import.State,
            CreatedAt = import.CreatedAt,
            UpdatedAt = import.UpdatedAt,
            Counters = import.Counters,
            TotalRows = rows,
            ErrorRate = rows is > 0 && errors is { } e ? (double)e / rows.Value : null,
            FailingRowRate = rows is > 0 && failingLines is { } f ? (double)f / rows.Value : null,
            Warnings = warnings,
        };
    }
}
