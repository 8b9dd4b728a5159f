using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.FailedRows;
using ImportErrorAnalytics.Fingerprints;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Sources.Capabilities;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>The aggregation of a page handed out in parts: staged apart, committed at its last part, dropped without it.</summary>
internal sealed partial class AnalysisRun
{
    /// <summary>
    /// A page in parts: each part into staging states of the page alone; at the last part they are merged into the
    /// worker's states and the page is committed; when the parts end without it, the staging states are dropped.
    /// </summary>
    private async Task AggregatePartsAsync(ImportErrorPage first, PageParts rest, int input, AggregatorSlot[] slots, FailedRowsBuffer? rows, CancellationToken cancellationToken)
    {
        var stagedRows = rows is null ? null : failedRows!.CreateStagingBuffer();
        try
        {
            await AggregatePartsAsync(first, rest, input, slots, rows, stagedRows, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Merged when the last part came; else the page is dropped, its staged rows (and their spill files) too.
            stagedRows?.Discard();
        }
    }

    private async Task AggregatePartsAsync(
        ImportErrorPage first, PageParts rest, int input, AggregatorSlot[] slots, FailedRowsBuffer? rows, FailedRowsBuffer? stagedRows, CancellationToken cancellationToken)
    {
        var staging = new AggregatorSlot[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            staging[i] = slots[i].CreateEmpty();
        }

        long errors = 0;
        long bytes = 0;
        for (var part = first; part is not null; part = await rest.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var slot in staging)
            {
                slot.AddPage(part);
            }

            stagedRows?.AddPage(part);

            errors += part.Count;
            bytes += part.ByteLength;
            var (last, responsePage, after, nextPageIndex) = (part.IsLastPart, part.IsResponsePage, part.NextAfter, part.PageIndex + 1);
            _pool.Return(part);
            if (last)
            {
                for (var i = 0; i < slots.Length; i++)
                {
                    slots[i].MergeFrom(staging[i]);
                }

                rows?.MergeFrom(stagedRows!);

                await CommitAsync(input, responsePage, errors, bytes, after, nextPageIndex, slots, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }
}
