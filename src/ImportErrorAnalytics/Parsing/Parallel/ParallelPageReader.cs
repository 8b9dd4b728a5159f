using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>
/// Reads the response pages of ONE stream on several cores: a splitter finds where each page ends (strings, escapes and
/// braces only, see <see cref="PageSplitter"/>) and hands runs of whole pages to parse workers, which parse each page as
/// a single span; pages come out in input order. What the caller sees is what <see cref="PageStreamReader"/> gives: the
/// same pages, the same errors at the same offsets, the first failure in input order ending the input. Anything the
/// splitter does not expect (a page larger than <see cref="ReadContext.MaxBuffered"/> or
/// <see cref="ParserLimits.MaxPageBytes"/>, a page that may hold more records than one part takes, a top-level value
/// that is not an object, an input that ends inside a page or holds no page) goes, with the rest of the input, to the
/// sequential reader. So a worker's page is always one whole part.
/// </summary>
internal static partial class ParallelPageReader
{
    private const int ReadSize = 64 * 1024;

    /// <summary>Bytes of whole pages per job: enough that the hand-offs between threads cost little.</summary>
    private const int BatchBytes = 256 * 1024;

    /// <summary>At most this many pages per job, so the pages in flight (and the page pool that recycles them) stay few.</summary>
    internal const int MaxPagesPerJob = 8;

    /// <summary>The most pages one reader holds at once: jobs queued in order, being parsed, and being handed out.</summary>
    internal static int MaxPagesInFlight(int workers) => ((3 * workers) + 1) * MaxPagesPerJob;

    private enum ScanOutcome
    {
        NeedMore,
        Full,

        /// <summary>A top-level value that is not an object, or a page too large or with too many records for a worker.</summary>
        ForSequentialReader,
    }

    public static async IAsyncEnumerable<ImportErrorPage> ReadAsync(
        PipeReader pipe, ReadContext context, int workers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var jobs = new ConcurrentQueue<PageJob>();
        var work = Channel.CreateBounded<PageJob>(new BoundedChannelOptions(workers) { SingleWriter = true });
        var order = Channel.CreateBounded<PageJob>(new BoundedChannelOptions(workers * 2) { SingleWriter = true, SingleReader = true });
        var splitter = Task.Run(() => SplitAsync(pipe, context, jobs, work.Writer, order.Writer, stop.Token), CancellationToken.None);
        var parsers = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            parsers[i] = Task.Run(() => ParseAsync(context, work.Reader, stop.Token), CancellationToken.None);
        }

        var sawPage = false;
        PageJob? tail = null;
        try
        {
            await foreach (var job in order.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await job.WaitAsync().ConfigureAwait(false);
                if (job.IsTail)
                {
                    tail = job;
                    break;
                }

                for (var i = 0; i < job.Pages.Count; i++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        Recycle(context, jobs, job, from: i);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    sawPage = true;
                    yield return job.Pages[i];
                }

                var error = job.Error;
                Recycle(context, jobs, job, from: job.Pages.Count);
                if (error is ImportErrorFormatException format)
                {
                    PageStreamReader.Skip(context, format, responsePage: true);
                    yield break;
                }

                if (error is not null)
                {
                    throw error;
                }
            }

            if (tail is not null)
            {
                await foreach (var page in ReadTailAsync(pipe, context, tail, sawPage, cancellationToken).ConfigureAwait(false))
                {
                    yield return page;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await DrainAsync(splitter, parsers, order.Reader, context).ConfigureAwait(false);
            tail?.ReleaseBytes();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The rest of the input, from the tail's bytes on, through the sequential reader.</summary>
    private static async IAsyncEnumerable<ImportErrorPage> ReadTailAsync(
        PipeReader pipe, ReadContext context, PageJob tail, bool sawPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new PrefixedStream(tail.Bytes.AsMemory(0, tail.Length), pipe.AsStream(leaveOpen: true));
        var rest = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadSize, leaveOpen: true));
        var tailContext = context.From(tail.Offset, tail.PageIndex, sawPage);
        try
        {
            await foreach (var page in PageStreamReader.ReadAsync(rest, tailContext, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }
        }
        finally
        {
            await rest.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async Task SplitAsync(
        PipeReader pipe, ReadContext context, ConcurrentQueue<PageJob> jobs, ChannelWriter<PageJob> work, ChannelWriter<PageJob> order, CancellationToken token)
    {
        var batch = new Batch(jobs, context.StartOffset, context.FirstPageIndex);
        var splitter = default(PageSplitter);
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(token).ConfigureAwait(false);
                var data = result.Buffer;
                var needed = batch.Fill + data.Length;
                if (batch.HasPages && (needed > batch.Capacity || needed > context.MaxBuffered))
                {
                    await PostAsync(batch.TakePages(), order, work, token).ConfigureAwait(false);
                }

                if (batch.Fill + data.Length > context.MaxBuffered)
                {
                    pipe.AdvanceTo(data.Start);
                    await PostAsync(batch.TakeTail(), order, null, token).ConfigureAwait(false);
                    return;
                }

                batch.Append(data);
                pipe.AdvanceTo(data.End);
                while (true)
                {
                    var scan = Scan(ref splitter, batch, context.Limits);
                    if (scan == ScanOutcome.ForSequentialReader)
                    {
                        await PostTailAsync(batch, order, work, token).ConfigureAwait(false);
                        return;
                    }

                    if (scan == ScanOutcome.Full || batch.PendingBytes >= BatchBytes)
                    {
                        await PostAsync(batch.TakePages(), order, work, token).ConfigureAwait(false);
                    }

                    if (scan != ScanOutcome.Full)
                    {
                        break;
                    }
                }

                if (result.IsCompleted)
                {
                    if (splitter.InPage || batch.PageCount == 0)
                    {
                        // Ends inside a page, or holds none: the sequential reader names the error.
                        await PostTailAsync(batch, order, work, token).ConfigureAwait(false);
                    }
                    else if (batch.HasPages)
                    {
                        await PostAsync(batch.TakePages(), order, work, token).ConfigureAwait(false);
                    }

                    return;
                }
            }
        }
        catch (Exception ex)
        {
            order.TryComplete(ex is OperationCanceledException && token.IsCancellationRequested ? null : ex);
        }
        finally
        {
            batch.Dispose();
            order.TryComplete();
            work.TryComplete();
        }
    }

    /// <summary>
    /// Finds the ends of the pages in the new bytes, up to <see cref="MaxPagesPerJob"/> waiting pages; stops at a
    /// top-level value that is not an object, and at a page that spans more than the page limit or opens more objects
    /// than a part takes records (the sequential reader then reads it in parts, or names its error).
    /// </summary>
    private static ScanOutcome Scan(ref PageSplitter splitter, Batch batch, ParserLimits limits)
    {
        var bytes = batch.Bytes;
        var position = batch.Scanned;
        try
        {
            while (batch.PendingPages < MaxPagesPerJob)
            {
                if (!splitter.InPage)
                {
                    while (position < batch.Fill && bytes[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                    {
                        position++;
                    }

                    if (position == batch.Fill)
                    {
                        return ScanOutcome.NeedMore;
                    }

                    if (bytes[position] != '{')
                    {
                        return ScanOutcome.ForSequentialReader;
                    }

                    splitter.StartPage();
                    position++;
                }

                var ended = splitter.TryFindEnd(bytes.AsSpan(0, batch.Fill), ref position);
                if (splitter.Children > limits.MaxRecordsPerPart || position - batch.PendingBytes > limits.MaxPageBytes)
                {
                    return ScanOutcome.ForSequentialReader;
                }

                if (!ended)
                {
                    return ScanOutcome.NeedMore;
                }

                batch.EndPage(position);
            }

            return ScanOutcome.Full;
        }
        finally
        {
            batch.Scanned = position;
        }
    }

    /// <summary>Posts the whole pages found so far, then the rest of the input as a tail for the sequential reader.</summary>
    private static async ValueTask PostTailAsync(Batch batch, ChannelWriter<PageJob> order, ChannelWriter<PageJob> work, CancellationToken token)
    {
        if (batch.HasPages)
        {
            await PostAsync(batch.TakePages(), order, work, token).ConfigureAwait(false);
        }

        await PostAsync(batch.TakeTail(), order, null, token).ConfigureAwait(false);
    }

    /// <summary>Queues the job in input order, then (pages) for a parse worker or (a tail) as complete.</summary>
    private static async ValueTask PostAsync(PageJob job, ChannelWriter<PageJob> order, ChannelWriter<PageJob>? work, CancellationToken token)
    {
        if (work is null)
        {
            job.Complete();
        }

        try
        {
            await order.WriteAsync(job, token).ConfigureAwait(false);
        }
        catch
        {
            job.ReleaseBytes();
            throw;
        }

        if (work is not null && !work.TryWrite(job))
        {
            try
            {
                await work.WriteAsync(job, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The job is already in the order queue: complete it, or its reader would wait for ever.
                Cancel(job, token);
                throw;
            }
        }
    }
}
