using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>
/// Reads the response pages of ONE stream on several cores: a splitter finds where each page ends (strings, escapes and
/// braces only, see <see cref="PageSplitter"/>), parse workers parse whole pages as single spans, and pages come out in
/// input order. What the caller sees is what <see cref="PageStreamReader"/> gives: the same pages, the same errors at
/// the same offsets, the first failure in input order ending the input. Anything the splitter does not expect (a page
/// larger than <see cref="ReadContext.MaxBuffered"/>, a top-level value that is not an object, an input that ends
/// inside a page or holds no page) goes, with the rest of the input, to the sequential reader.
/// </summary>
internal static class ParallelPageReader
{
    private const int ReadSize = 64 * 1024;

    public static async IAsyncEnumerable<ImportErrorPage> ReadAsync(
        PipeReader pipe, ReadContext context, int workers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var jobs = new ConcurrentQueue<PageJob>();
        var work = Channel.CreateBounded<PageJob>(new BoundedChannelOptions(workers * 2) { SingleWriter = true });
        var order = Channel.CreateBounded<PageJob>(new BoundedChannelOptions(workers * 4) { SingleWriter = true, SingleReader = true });
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
                if (cancellationToken.IsCancellationRequested)
                {
                    ReturnPage(context, job);
                    jobs.Enqueue(job);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (job.IsTail)
                {
                    tail = job;
                    break;
                }

                if (job.Error is { } error)
                {
                    jobs.Enqueue(job);
                    if (error is not ImportErrorFormatException format)
                    {
                        throw error;
                    }

                    PageStreamReader.Skip(context, format, responsePage: true);
                    yield break;
                }

                var page = job.Page!;
                job.Page = null;
                jobs.Enqueue(job);
                sawPage = true;
                yield return page;
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
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        var fill = 0;
        var position = 0;
        var offset = context.StartOffset;
        var pageIndex = context.FirstPageIndex;
        var pages = 0;
        var splitter = default(PageSplitter);
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(token).ConfigureAwait(false);
                var data = result.Buffer;
                if (fill + data.Length > context.MaxBuffered)
                {
                    pipe.AdvanceTo(data.Start);
                    await PostAsync(Take(jobs, ref buffer, fill, offset, pageIndex, isTail: true), order, null, token).ConfigureAwait(false);
                    return;
                }

                if (fill + data.Length > buffer.Length)
                {
                    Grow(ref buffer, fill, (int)(fill + data.Length));
                }

                data.CopyTo(buffer.AsSpan(fill));
                fill += (int)data.Length;
                pipe.AdvanceTo(data.End);
                while (true)
                {
                    if (!splitter.InPage)
                    {
                        position = SkipWhitespace(buffer, position, fill);
                        if (position == fill)
                        {
                            break;
                        }

                        if (buffer[position] != '{')
                        {
                            await PostAsync(Take(jobs, ref buffer, fill, offset, pageIndex, isTail: true), order, null, token).ConfigureAwait(false);
                            return;
                        }

                        splitter.StartPage();
                        position++;
                    }

                    if (!splitter.TryFindEnd(buffer.AsSpan(0, fill), ref position))
                    {
                        break;
                    }

                    var next = ArrayPool<byte>.Shared.Rent(Math.Max(ReadSize * 2, (fill - position) + ReadSize));
                    buffer.AsSpan(position, fill - position).CopyTo(next);
                    var job = Take(jobs, ref buffer, position, offset, pageIndex++, isTail: false);
                    buffer = next;
                    offset += position;
                    fill -= position;
                    position = 0;
                    pages++;
                    await PostAsync(job, order, work, token).ConfigureAwait(false);
                }

                if (result.IsCompleted)
                {
                    if (splitter.InPage || pages == 0)
                    {
                        // Ends inside a page, or holds none: the sequential reader names the error.
                        await PostAsync(Take(jobs, ref buffer, fill, offset, pageIndex, isTail: true), order, null, token).ConfigureAwait(false);
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
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            order.TryComplete();
            work.TryComplete();
        }
    }

    /// <summary>Moves the buffer into a job (the caller's buffer becomes empty).</summary>
    private static PageJob Take(ConcurrentQueue<PageJob> jobs, ref byte[] buffer, int length, long offset, int pageIndex, bool isTail)
    {
        var job = jobs.TryDequeue(out var reused) ? reused : new PageJob();
        job.Set(buffer, length, offset, pageIndex, isTail);
        buffer = [];
        return job;
    }

    /// <summary>Queues the job in input order, then (a page) for a parse worker or (a tail) as complete.</summary>
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

    /// <summary>
    /// Parses jobs until the splitter completes the channel. Once the reader stops, jobs still queued are completed
    /// as cancelled rather than parsed, so nobody waits on a job that will never finish.
    /// </summary>
    private static async Task ParseAsync(ReadContext context, ChannelReader<PageJob> work, CancellationToken token)
    {
        var parser = new JsonErrorParser(context.SourceName, context.Limits.MaxValueBytes, recordMode: false);
        await foreach (var job in work.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (token.IsCancellationRequested)
            {
                Cancel(job, token);
            }
            else
            {
                Parse(parser, context, job);
            }
        }
    }

    private static void Cancel(PageJob job, CancellationToken token)
    {
        job.Error = new OperationCanceledException(token);
        job.ReleaseBytes();
        job.Complete();
    }

    private static void Parse(JsonErrorParser parser, ReadContext context, PageJob job)
    {
        var page = context.RentPage(job.PageIndex, responsePage: true);
        try
        {
            parser.Reset();
            parser.BaseOffset = job.Offset;
            parser.Begin(page, job.PageIndex + 1);
            if (!parser.Parse(new ReadOnlySequence<byte>(job.Bytes!, 0, job.Length), isFinalBlock: false, out _))
            {
                throw parser.Truncated(parser.BaseOffset);
            }

            page.ByteLength = job.Length;
            job.Page = page;
        }
        catch (Exception ex)
        {
            context.Pool.Return(page);
            job.Error = ex;
        }
        finally
        {
            job.ReleaseBytes();
            job.Complete();
        }
    }

    /// <summary>Waits for the splitter and the workers to stop and gives back every page and buffer still in flight.</summary>
    private static async Task DrainAsync(Task splitter, Task[] parsers, ChannelReader<PageJob> order, ReadContext context)
    {
        await splitter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(parsers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (order.TryRead(out var job))
        {
            ReturnPage(context, job);
            job.ReleaseBytes();
        }
    }

    private static void ReturnPage(ReadContext context, PageJob job)
    {
        if (job.Page is { } page)
        {
            job.Page = null;
            context.Pool.Return(page);
        }
    }

    private static void Grow(ref byte[] buffer, int fill, int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, fill).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private static int SkipWhitespace(byte[] buffer, int position, int fill)
    {
        while (position < fill && buffer[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            position++;
        }

        return position;
    }
}
