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
using ImportErrorAnalytics.Telemetry;
using Microsoft.Extensions.Logging;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>
/// One run: sources -> parse workers -> bounded channel of complete pages -> aggregation workers, each with its own
/// states, merged at the end. The first failure stops the parse stage; pages already parsed are still aggregated,
/// so a failing run reports everything it committed. With a checkpoint store the run reads one import that can resume
/// (<see cref="IResumableSource"/>) page by page: a page is aggregated, the checkpoint saved, and only then is the next
/// page requested.
/// A page handed out in parts (more records than a part takes) goes whole to one aggregation worker: its parts are
/// added to page-scoped staging states, merged into the worker's states (and counted) only when the last part arrives,
/// and dropped if the page ends without it. So a page still commits at once, or not at all.
/// Each input's committed errors are counted apart, and its source's fingerprint of its content kept, for the
/// snapshot; two inputs of one run with the same content (and errors) are told to <paramref name="logger"/>.
/// Everything a run learns while reading (an import's description, where a resumed import starts) is kept by the run,
/// not by its sources: a source object read by several runs or analyzers carries nothing from one to another.
/// The ordinal the first input's records carry is <paramref name="firstOrdinal"/>: its position among the imports of a
/// multi-import run, whose imports are each read by a run of their own; 0 otherwise.
/// </summary>
internal sealed partial class AnalysisRun(
    IReadOnlyList<ErrorSource> sources,
    BuiltInAggregators builtIns,
    IReadOnlyList<AggregatorSlot> prototypes,
    AnalyzerOptions options,
    IProgress<AnalysisProgress>? progress,
    ICheckpointStore? checkpoint,
    ILogger logger,
    int firstOrdinal = 0,
    FailedRowsCollector? failedRows = null)
{
    // Enough to recycle every page in flight (channel, workers, and the parallel readers of single inputs), so a steady
    // run allocates no pages.
    // The run's own name tables travel with its pages: nothing another run (or a later run of the same analyzer) reads
    // shares them.
    private readonly PagePool _pool = new(
        options.ChannelCapacity + (2 * options.MaxDegreeOfParallelism) + ParallelPageReader.MaxPagesInFlight(options.MaxDegreeOfParallelism),
        new Model.RunNames(options.MaxDistinctKeys));
    private readonly ConcurrentQueue<SkippedInput> _skipped = new();
    private readonly RunCounters _counters = new() { Inputs = sources.Count };
    private readonly long[] _inputErrors = new long[sources.Count];
    private readonly InputFingerprint?[] _fingerprints = new InputFingerprint?[sources.Count];
    private readonly HubSpotImport?[] _imports = new HubSpotImport?[sources.Count];
    private ResumePoint _start = ResumePoint.Beginning;
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

    /// <summary>What the run's imports said of themselves (for the failed rows' header); set when <see cref="RunAsync"/> ends.</summary>
    public IReadOnlyList<HubSpotImport> Imports { get; private set; } = [];

    private async Task<ImportErrorReport> RunCoreAsync(CancellationToken cancellationToken)
    {
        if (checkpoint is not null && await ResumeAsync(cancellationToken).ConfigureAwait(false) is { Complete: true } done)
        {
            States = new RunStates(done.Slots, _counters, [], done.Import is null ? [] : [done.Import], Inputs());
            return ReportAssembler.Build(builtIns, States.Slots, _counters, States.Skipped, States.Imports, complete: true);
        }

        using var parseCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pages = Channel.CreateBounded<PendingPage>(new BoundedChannelOptions(options.ChannelCapacity)
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
        var imports = _imports.OfType<HubSpotImport>().ToList();
        Imports = imports;
        States = new RunStates(merged, _counters, _skipped.ToArray(), imports, Inputs());
        var report = ReportAssembler.Build(builtIns, merged, _counters, States.Skipped, imports, complete: _firstError is null);
        if (_firstError is not null)
        {
            if (_firstError is ImportErrorFormatException format)
            {
                format.PartialReport = report;
            }

            ExceptionDispatchInfo.Capture(_firstError).Throw();
        }

        WarnOfRepeatedContent(States.Inputs);
        progress?.Report(Snapshot());
        return report;
    }

    /// <summary>The run's inputs with their committed errors and fingerprints; call after the workers finished.</summary>
    private List<RunInput> Inputs() => sources.Select((source, i) => new RunInput(source.Name, _inputErrors[i], _fingerprints[i])).ToList();

    /// <summary>
    /// Two inputs with the same content were both counted, as asked; the user is told, since that is rarely what they
    /// meant (and a merge refuses the snapshot). Inputs that counted no error are left out: nothing was counted twice.
    /// </summary>
    private void WarnOfRepeatedContent(IReadOnlyList<RunInput> inputs)
    {
        foreach (var group in inputs.Where(input => input is { Errors: > 0, Fingerprint: not null }).GroupBy(input => input.Fingerprint).Where(group => group.Count() > 1))
        {
            var same = group.ToList();
            for (var i = 1; i < same.Count; i++)
            {
                LogRepeatedContent(logger, Untrusted.Name(same[0].Name), Untrusted.Name(same[i].Name), same[i].Errors);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inputs {First} and {Second} hold the same content, so its {Errors} errors are counted twice in this run; a merge of its snapshot is refused.")]
    private static partial void LogRepeatedContent(ILogger logger, Untrusted first, Untrusted second, long errors);

    private async Task ParseWorkerAsync(ChannelReader<int> queue, ChannelWriter<PendingPage> pages, CancellationTokenSource cancellation)
    {
        var token = cancellation.Token;
        try
        {
            while (await queue.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (queue.TryRead(out var ordinal))
                {
                    await ReadSourceAsync(ordinal, pages, token).ConfigureAwait(false);
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

    /// <summary>
    /// Hands one source's pages to the aggregation stage: a whole page through the channel, a page in parts as its
    /// first part through the channel and the others through that page's own <see cref="PageParts"/>.
    /// </summary>
    private async Task ReadSourceAsync(int ordinal, ChannelWriter<PendingPage> pages, CancellationToken token)
    {
        var source = sources[ordinal];
        var context = new ReadContext(source.Name, firstOrdinal + ordinal, options.Limits, _pool, options.KeepGoing ? _skipped.Enqueue : null)
        {
            ParseWorkers = _workersPerInput,
            ShowStandardSensitivity = options.ShowStandardSensitivity,
            CaptureRows = failedRows is not null,
        };
        PageParts? open = null;
        try
        {
            var read = checkpoint is not null && source is IResumableSource resumable
                ? resumable.ReadPagesAsync(context, _start, token)
                : source.ReadPagesAsync(context, token);
            await foreach (var page in read.ConfigureAwait(false))
            {
                // An import's description comes before its first page; kept here (not on the source) for the report and
                // the checkpoint, which the worker writes after it took this page from the channel.
                if (context.Import is { } described)
                {
                    _imports[ordinal] = described;
                }
                // Read what is needed of the page before handing it on: the worker that takes it returns it to the pool,
                // from where another parse worker may rent it at once.
                var last = page.IsLastPart;
                if (open is not null && page.FirstRecordIndex > 0)
                {
                    await open.WriteAsync(page, token).ConfigureAwait(false);
                    if (last)
                    {
                        open.Complete();
                        open = null;
                        await WaitUntilSavedAsync(token).ConfigureAwait(false);
                    }

                    continue;
                }

                // A page begins. One still open was abandoned: its source reads it again from the start (a retried request).
                open?.Complete();
                open = last ? null : new PageParts();
                await pages.WriteAsync(new PendingPage(page, open, ordinal), token).ConfigureAwait(false);
                if (open is null)
                {
                    await WaitUntilSavedAsync(token).ConfigureAwait(false);
                }
            }

            _fingerprints[ordinal] = context.Fingerprint;
        }
        finally
        {
            // A page still open here never got its last part: the worker holding it drops what it staged.
            open?.Complete();
        }
    }

    /// <summary>With a checkpoint, the next page is requested only once the last one is saved.</summary>
    private Task WaitUntilSavedAsync(CancellationToken token) => _saved is null ? Task.CompletedTask : _saved.WaitAsync(token);

    private async Task<AggregatorSlot[]> AggregateWorkerAsync(
        ChannelReader<PendingPage> pages, CancellationTokenSource parseCancellation, CancellationToken cancellationToken)
    {
        var slots = Interlocked.Exchange(ref _resumed, null) ?? new AggregatorSlot[prototypes.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] ??= prototypes[i].CreateEmpty();
        }

        var rows = failedRows?.CreateWorkerBuffer();
        try
        {
            await foreach (var (page, rest, input) in pages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (rest is not null)
                {
                    await AggregatePartsAsync(page, rest, input, slots, rows, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var slot in slots)
                {
                    slot.AddPage(page);
                }

                rows?.AddPage(page);

                var (responsePage, errors, bytes, after, nextPageIndex) = (page.IsResponsePage, page.Count, page.ByteLength, page.NextAfter, page.PageIndex + 1);
                _pool.Return(page);
                await CommitAsync(input, responsePage, errors, bytes, after, nextPageIndex, slots, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Counts a page of input <paramref name="input"/> whose records are in the states, then saves the checkpoint or reports progress.</summary>
    private async Task CommitAsync(int input, bool responsePage, long errors, long bytes, string? after, int nextPageIndex, AggregatorSlot[] slots, CancellationToken cancellationToken)
    {
        _counters.Commit(responsePage, errors, bytes);
        RunTelemetry.Commit(responsePage, errors, bytes);
        Interlocked.Add(ref _inputErrors[input], errors);
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
