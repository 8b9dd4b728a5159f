using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Sources.HubSpot;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>
/// One run: sources -> parse workers -> bounded channel of complete pages -> aggregation workers, each with its own
/// states, merged at the end. The first failure stops the parse stage; pages already parsed are still aggregated,
/// so a failing run reports everything it committed. With a checkpoint store the run reads one HubSpot import page by
/// page: a page is aggregated, the checkpoint saved, and only then is the next page requested.
/// </summary>
internal sealed class AnalysisRun(
    IReadOnlyList<ErrorSource> sources,
    BuiltInAggregators builtIns,
    IReadOnlyList<AggregatorSlot> prototypes,
    AnalyzerOptions options,
    IProgress<AnalysisProgress>? progress,
    ICheckpointStore? checkpoint)
{
    // Enough to recycle every page in flight (channel, workers, and the parallel readers of single inputs), so a steady
    // run allocates no pages.
    private readonly PagePool _pool = new(options.ChannelCapacity + (2 * options.MaxDegreeOfParallelism) + ParallelPageReader.MaxPagesInFlight(options.MaxDegreeOfParallelism));
    private readonly ConcurrentQueue<SkippedInput> _skipped = new();
    private readonly RunCounters _counters = new() { Inputs = sources.Count };
    private Exception? _firstError;
    private long _startedAt;
    private long _lastProgress;
    private int _workersPerInput = 1;
    private AggregatorSlot[]? _resumed;

    /// <summary>Released once per saved checkpoint: the parse worker asks for the next page only then.</summary>
    private readonly SemaphoreSlim? _saved = checkpoint is null ? null : new SemaphoreSlim(0);
    private readonly ArrayBufferWriter<byte> _checkpointBuffer = new();

    private int Workers => checkpoint is null ? options.MaxDegreeOfParallelism : 1;

    /// <summary>The merged states the report was built from; set when <see cref="RunAsync"/> builds it.</summary>
    public RunStates? States { get; private set; }

    public async Task<ImportErrorReport> RunAsync(CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        _startedAt = time.GetTimestamp();
        if (checkpoint is not null && await ResumeAsync(cancellationToken).ConfigureAwait(false) is { Complete: true } done)
        {
            States = new RunStates(done.Slots, _counters, [], done.Import is null ? [] : [done.Import]);
            return ReportAssembler.Build(builtIns, States.Slots, _counters, States.Skipped, States.Imports, options, complete: true);
        }

        using var parseCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pages = Channel.CreateBounded<ImportErrorPage>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = Workers == 1,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
        var queue = Channel.CreateUnbounded<int>();
        for (var i = 0; i < sources.Count; i++)
        {
            queue.Writer.TryWrite(i);
        }

        queue.Writer.Complete();
        var parseWorkers = Math.Clamp(sources.Count, 1, Workers);
        _workersPerInput = Math.Max(1, Workers / parseWorkers);
        var parsers = Enumerable.Range(0, parseWorkers)
            .Select(_ => Task.Run(() => ParseWorkerAsync(queue.Reader, pages.Writer, parseCancellation), CancellationToken.None))
            .ToArray();
        var workers = Enumerable.Range(0, Workers)
            .Select(_ => Task.Run(() => AggregateWorkerAsync(pages.Reader, parseCancellation, cancellationToken), CancellationToken.None))
            .ToArray();

        try
        {
            await Task.WhenAll(parsers).ConfigureAwait(false);
        }
        catch (Exception) when (_firstError is not null || cancellationToken.IsCancellationRequested)
        {
            // Recorded by the worker that failed first.
        }
        finally
        {
            pages.Writer.TryComplete();
        }

        AggregatorSlot[][] states;
        try
        {
            states = await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Record(ex, parseCancellation);
            throw;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var merged = Merge(states);
        var imports = sources.OfType<HubSpotErrorSource>().Select(source => source.Import).OfType<HubSpotImport>().ToList();
        States = new RunStates(merged, _counters, _skipped.ToArray(), imports);
        var report = ReportAssembler.Build(builtIns, merged, _counters, States.Skipped, imports, options, complete: _firstError is null);
        if (_firstError is not null)
        {
            if (_firstError is ImportErrorFormatException format)
            {
                format.PartialReport = report;
            }

            ExceptionDispatchInfo.Capture(_firstError).Throw();
        }

        progress?.Report(Snapshot());
        return report;
    }

    private async Task ParseWorkerAsync(ChannelReader<int> queue, ChannelWriter<ImportErrorPage> pages, CancellationTokenSource cancellation)
    {
        var token = cancellation.Token;
        try
        {
            while (await queue.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (queue.TryRead(out var ordinal))
                {
                    var source = sources[ordinal];
                    var context = new ReadContext(source.Name, ordinal, options.Limits, _pool, options.KeepGoing ? _skipped.Enqueue : null)
                    {
                        ParseWorkers = _workersPerInput,
                        ShowStandardSensitivity = options.ShowStandardSensitivity,
                    };
                    await foreach (var page in source.ReadPagesAsync(context, token).ConfigureAwait(false))
                    {
                        await pages.WriteAsync(page, token).ConfigureAwait(false);
                        if (_saved is not null)
                        {
                            await _saved.WaitAsync(token).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Another worker failed or the caller cancelled.
        }
        catch (Exception ex)
        {
            Record(ex, cancellation);
        }
    }

    private async Task<AggregatorSlot[]> AggregateWorkerAsync(
        ChannelReader<ImportErrorPage> pages, CancellationTokenSource parseCancellation, CancellationToken cancellationToken)
    {
        var slots = Interlocked.Exchange(ref _resumed, null) ?? new AggregatorSlot[prototypes.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] ??= prototypes[i].CreateEmpty();
        }

        try
        {
            await foreach (var page in pages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var slot in slots)
                {
                    slot.AddPage(page);
                }

                _counters.Commit(page.IsResponsePage, page.Count, page.ByteLength);
                var (after, nextPageIndex) = (page.NextAfter, page.PageIndex + 1);
                _pool.Return(page);
                if (checkpoint is not null)
                {
                    await SaveCheckpointAsync(after, nextPageIndex, slots, cancellationToken).ConfigureAwait(false);
                    progress?.Report(Snapshot());
                }
                else
                {
                    ReportProgress();
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stop the parse stage: it may be waiting for this worker (a full channel, or a checkpoint not saved).
            Record(ex, parseCancellation);
            throw;
        }

        return slots;
    }

    /// <summary>
    /// The commit of a checkpointed page: its records are in the states and the counters; the cursor after it, the
    /// counters and the states are saved in one write; then the parse worker may request the next page.
    /// </summary>
    private async Task SaveCheckpointAsync(string? after, int nextPageIndex, AggregatorSlot[] slots, CancellationToken cancellationToken)
    {
        _checkpointBuffer.ResetWrittenCount();
        CheckpointCodec.Write(_checkpointBuffer, (HubSpotErrorSource)sources[0], after, nextPageIndex, _counters, slots, options.ShowStandardSensitivity);
        await checkpoint!.SaveAsync(_checkpointBuffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _saved!.Release();
    }

    /// <summary>Loads the checkpoint, if any: the source starts after its cursor, the worker from its states.</summary>
    private async Task<Checkpoint?> ResumeAsync(CancellationToken cancellationToken)
    {
        var source = (HubSpotErrorSource)sources[0];
        var bytes = await checkpoint!.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var saved = CheckpointCodec.Read(bytes, checkpoint.Name, source, prototypes, options.ShowStandardSensitivity);
        source.Start = (saved.After, saved.NextPageIndex);
        _counters.Restore(saved.Pages, saved.Errors, saved.Bytes);
        _resumed = saved.Slots;
        return saved;
    }

    private static AggregatorSlot[] Merge(AggregatorSlot[][] states)
    {
        var merged = states[0];
        for (var w = 1; w < states.Length; w++)
        {
            for (var i = 0; i < merged.Length; i++)
            {
                merged[i].MergeFrom(states[w][i]);
            }
        }

        return merged;
    }

    private void Record(Exception error, CancellationTokenSource cancellation)
    {
        if (Interlocked.CompareExchange(ref _firstError, error, null) is null)
        {
            cancellation.Cancel();
        }
    }

    private void ReportProgress()
    {
        if (progress is null)
        {
            return;
        }

        var now = options.TimeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastProgress);
        if (options.TimeProvider.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(250)
            || Interlocked.CompareExchange(ref _lastProgress, now, last) != last)
        {
            return;
        }

        progress.Report(Snapshot());
    }

    private AnalysisProgress Snapshot() =>
        new(_counters.Committed, _counters.Errors, _counters.Bytes, options.TimeProvider.GetElapsedTime(_startedAt));
}
