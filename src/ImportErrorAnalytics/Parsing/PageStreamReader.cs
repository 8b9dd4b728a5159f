using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// Reads response pages from a <see cref="PipeReader"/> as bytes arrive. A page is yielded only once it parsed
/// completely; a failure discards the page being read. A page of more records than
/// <see cref="ParserLimits.MaxRecordsPerPart"/> is yielded in parts as they fill (all but the last with
/// <see cref="ImportErrorPage.IsLastPart"/> false): a failure then ends the page after some of its parts were yielded,
/// and the consumer discards them. No page may span more than <see cref="ParserLimits.MaxPageBytes"/>: the parser is
/// never given a byte past that limit, so the outcome does not depend on how the bytes arrive.
/// </summary>
internal static class PageStreamReader
{
    public static async IAsyncEnumerable<ImportErrorPage> ReadAsync(
        PipeReader pipe, ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = new JsonErrorParser(context.SourceName, context.Limits.MaxValueBytes, recordMode: false, context.RecordFastPath, context.Limits.MaxRecordsPerPart, captureRows: context.CaptureRows);
        var maxPageBytes = context.Limits.MaxPageBytes;
        var pageIndex = context.FirstPageIndex;
        ImportErrorPage? page = context.RentPage(pageIndex, responsePage: true);
        parser.Begin(page, pageIndex + 1);
        parser.BaseOffset = context.StartOffset;
        var pageStart = context.StartOffset;
        var partStart = pageStart;
        var sawPage = context.SawPageBefore;
        try
        {
            var pending = 0L;
            while (true)
            {
                var result = await PendingReads.ReadAsync(pipe, pending, context.MaxBuffered + 1, cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var outcome = TryParse(parser, ref buffer, pageStart + maxPageBytes, out var error);
                    if (outcome == Outcome.TooLarge)
                    {
                        error = parser.PageTooLarge(pageStart + maxPageBytes, maxPageBytes);
                    }

                    if (error is not null)
                    {
                        pipe.AdvanceTo(buffer.Start, buffer.End);
                        Skip(context, error, responsePage: true);
                        yield break;
                    }

                    if (outcome == Outcome.NeedMore)
                    {
                        break;
                    }

                    page.ByteLength = parser.BaseOffset - partStart;
                    partStart = parser.BaseOffset;
                    var completed = page;
                    page = null;
                    if (outcome == Outcome.PartFull)
                    {
                        completed.IsLastPart = false;
                        yield return completed;
                        page = context.RentPage(pageIndex, responsePage: true);
                        parser.ContinueWith(page);
                        continue;
                    }

                    pageStart = parser.BaseOffset;
                    sawPage = true;
                    yield return completed;
                    pageIndex++;
                    page = context.RentPage(pageIndex, responsePage: true);
                    parser.Begin(page, pageIndex + 1);
                }

                if (result.IsCompleted)
                {
                    // Look at what is left before handing it back: after AdvanceTo the pipe may reuse that memory.
                    var truncated = !parser.AtTopLevel || !IsWhitespace(buffer);
                    pipe.AdvanceTo(buffer.End);
                    if (truncated)
                    {
                        Skip(context, parser.Truncated(parser.BaseOffset), responsePage: true);
                    }
                    else if (!sawPage)
                    {
                        Skip(context, parser.EmptyInput(), responsePage: true);
                    }

                    yield break;
                }

                if (buffer.Length > context.MaxBuffered)
                {
                    pipe.AdvanceTo(buffer.Start, buffer.End);
                    Skip(context, parser.TooLarge(parser.BaseOffset), responsePage: true);
                    yield break;
                }

                pending = buffer.Length;
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            if (page is not null)
            {
                context.Pool.Return(page);
            }
        }
    }

    /// <summary>
    /// Parses as a non-final block even at the end of the input, so an input that stops inside a value is told apart
    /// (truncated) from one that holds an invalid token. The buffer is fed to the reader one segment at a time, with a
    /// small window across each segment boundary: <see cref="System.Text.Json.Utf8JsonReader"/> is several times
    /// faster on a single span than on a multi-segment sequence. The parser sees no byte at or past
    /// <paramref name="pageEnd"/>: when the page needs more than that, the outcome is <see cref="Outcome.TooLarge"/>.
    /// </summary>
    private static Outcome TryParse(JsonErrorParser parser, ref ReadOnlySequence<byte> buffer, long pageEnd, out ImportErrorFormatException? error)
    {
        error = null;
        try
        {
            var attempt = 0;
            while (true)
            {
                var room = pageEnd - parser.BaseOffset;
                var capped = buffer.Length > room;
                var view = capped ? buffer.Slice(0, room) : buffer;
                var window = Window(view, attempt);
                var completed = parser.Parse(window, isFinalBlock: false, out var consumed);
                var before = buffer.Length;
                buffer = buffer.Slice(consumed);
                if (completed)
                {
                    return Outcome.PageCompleted;
                }

                if (parser.PartFull)
                {
                    return Outcome.PartFull;
                }

                if (buffer.Length < before)
                {
                    attempt = 0;
                }
                else if (window.Length == view.Length)
                {
                    return capped ? Outcome.TooLarge : Outcome.NeedMore;
                }
                else
                {
                    attempt++;
                }
            }
        }
        catch (ImportErrorFormatException ex)
        {
            error = ex;
            return Outcome.Failed;
        }
    }

    /// <summary>
    /// The first segment; when a token crosses its end, that plus a little of what follows, growing fourfold per attempt
    /// (64 bytes, 256, ...) until the token completes. The bridge stays small, so the reader leaves multi-segment mode
    /// as soon as it is past the boundary and reads the next segment as a single span.
    /// </summary>
    private static ReadOnlySequence<byte> Window(in ReadOnlySequence<byte> buffer, int attempt)
    {
        var first = buffer.First.Length;
        if (attempt == 0 || buffer.IsSingleSegment)
        {
            return attempt == 0 ? buffer.Slice(0, first) : buffer;
        }

        var bridge = attempt >= 12 ? long.MaxValue : 16L << (2 * attempt);
        return buffer.Slice(0, Math.Min(buffer.Length, first + bridge));
    }

    private static bool IsWhitespace(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reports the failure to the skip sink, or throws it when the run does not keep going.</summary>
    internal static void Skip(ReadContext context, ImportErrorFormatException error, bool responsePage)
    {
        if (context.OnSkip is null)
        {
            throw error;
        }

        context.OnSkip(error.ToSkippedInput(responsePage ? "the page and the rest of this input were skipped" : "the line was skipped"));
    }

    private enum Outcome
    {
        NeedMore,
        PageCompleted,

        /// <summary>The page holds more records than one part takes: the full part is handed on and the page goes on in the next.</summary>
        PartFull,

        /// <summary>The page goes on past <see cref="ParserLimits.MaxPageBytes"/>.</summary>
        TooLarge,
        Failed,
    }
}
