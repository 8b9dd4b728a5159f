using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ImportErrorAnalytics.Parsing.Parallel;

/// <summary>The parse workers of the parallel reader: parsing the jobs' pages, recycling what was not handed out, draining at the end.</summary>
internal static partial class ParallelPageReader
{
    /// <summary>
    /// Parses jobs until the splitter completes the channel. Once the reader stops, jobs still queued are completed
    /// as cancelled rather than parsed, so nobody waits on a job that will never finish.
    /// </summary>
    private static async Task ParseAsync(ReadContext context, ChannelReader<PageJob> work, CancellationToken token)
    {
        var parser = new JsonErrorParser(context.SourceName, context.Limits.MaxValueBytes, recordMode: false, context.RecordFastPath, captureRows: context.CaptureRows);
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

    /// <summary>Parses the job's pages in order, up to the first that fails.</summary>
    private static void Parse(JsonErrorParser parser, ReadContext context, PageJob job)
    {
        var start = 0;
        try
        {
            for (var i = 0; i < job.Ends.Count; i++)
            {
                var end = job.Ends[i];
                var page = context.RentPage(job.PageIndex + i, responsePage: true);
                try
                {
                    parser.Reset();
                    parser.BaseOffset = job.Offset + start;
                    parser.Begin(page, job.PageIndex + i + 1);
                    if (!parser.Parse(new ReadOnlySequence<byte>(job.Bytes!, start, end - start), isFinalBlock: false, out _))
                    {
                        throw parser.Truncated(parser.BaseOffset);
                    }
                }
                catch
                {
                    context.Pool.Return(page);
                    throw;
                }

                page.ByteLength = end - start;
                job.Pages.Add(page);
                start = end;
            }
        }
        catch (Exception ex)
        {
            job.Error = ex;
        }
        finally
        {
            job.ReleaseBytes();
            job.Complete();
        }
    }

    /// <summary>Gives back the pages of a job not handed out (from <paramref name="from"/> on) and the job itself.</summary>
    private static void Recycle(ReadContext context, ConcurrentQueue<PageJob> jobs, PageJob job, int from)
    {
        ReturnPages(context, job, from);
        jobs.Enqueue(job);
    }

    private static void ReturnPages(ReadContext context, PageJob job, int from)
    {
        for (var i = from; i < job.Pages.Count; i++)
        {
            context.Pool.Return(job.Pages[i]);
        }

        job.Pages.Clear();
    }

    /// <summary>Waits for the splitter and the workers to stop and gives back every page and buffer still in flight.</summary>
    private static async Task DrainAsync(Task splitter, Task[] parsers, ChannelReader<PageJob> order, ReadContext context)
    {
        await splitter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(parsers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (order.TryRead(out var job))
        {
            ReturnPages(context, job, from: 0);
            job.ReleaseBytes();
        }
    }
}
