using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// Reads newline-delimited error objects from a <see cref="PipeReader"/>. Each line is parsed on its own, so a bad
/// line is reported with its line number and (when the run keeps going) skipped without losing its neighbours.
/// Complete lines are handed out in blocks of <see cref="ParserLimits.NdjsonBlockSize"/>.
/// </summary>
internal static class NdjsonStreamReader
{
    public static async IAsyncEnumerable<ImportErrorPage> ReadAsync(
        PipeReader pipe, ReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = new JsonErrorParser(context.SourceName, context.Limits.MaxValueBytes, recordMode: true, context.RecordFastPath, captureRows: context.CaptureRows);
        var blockSize = context.Limits.NdjsonBlockSize;
        var maxLineBytes = context.Limits.MaxPageBytes;
        var blockIndex = 0;
        var lineNumber = 0;
        var offset = 0L;
        var blockStart = 0L;
        ImportErrorPage? page = context.RentPage(blockIndex, responsePage: false);
        ImportErrorFormatException? failure = null;
        try
        {
            var pending = 0L;
            var cap = Math.Min(maxLineBytes, context.MaxBuffered) + 1;
            while (failure is null)
            {
                var result = await PendingReads.ReadAsync(pipe, pending, cap, cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (failure is null && TryTakeLine(ref buffer, result.IsCompleted, out var line, out var terminated))
                {
                    lineNumber++;
                    failure = line.Length > maxLineBytes
                        ? LineTooLarge(context, lineNumber, offset)
                        : ParseLine(parser, page!, line, lineNumber, offset);
                    offset += line.Length + (terminated ? 1 : 0);
                    if (failure is not null && context.OnSkip is not null)
                    {
                        PageStreamReader.Skip(context, failure, responsePage: false);
                        failure = null;
                    }

                    if (page!.Count >= blockSize)
                    {
                        page.ByteLength = offset - blockStart;
                        blockStart = offset;
                        var full = page;
                        page = null;
                        yield return full;
                        page = context.RentPage(++blockIndex, responsePage: false);
                    }
                }

                if (failure is null && !result.IsCompleted && buffer.Length > maxLineBytes)
                {
                    failure = LineTooLarge(context, ++lineNumber, offset);
                }
                else if (failure is null && !result.IsCompleted && buffer.Length > context.MaxBuffered)
                {
                    failure = parser.TooLarge(offset);
                    lineNumber++;
                }

                if (failure is { ExceedsLimit: true } && context.OnSkip is not null)
                {
                    // The line's end is not known without reading it: the rest of the input goes with it.
                    context.OnSkip(failure.ToSkippedInput("the line and the rest of this input were skipped"));
                    failure = null;
                    pipe.AdvanceTo(buffer.End);
                    break;
                }

                pending = buffer.Length;
                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (page!.Count > 0)
            {
                page.ByteLength = offset - blockStart;
                var last = page;
                page = null;
                yield return last;
            }

            if (failure is not null)
            {
                throw failure;
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

    /// <summary>A line longer than <see cref="ParserLimits.MaxPageBytes"/>, at the first byte past the limit.</summary>
    private static ImportErrorFormatException LineTooLarge(ReadContext context, int lineNumber, long offset)
    {
        var max = context.Limits.MaxPageBytes;
        return new(context.SourceName, "line", lineNumber, offset + max, 0, $"the line is larger than the maximum of {max} bytes.") { ExceedsLimit = true };
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> line, out bool terminated)
    {
        var newline = buffer.PositionOf((byte)'\n');
        terminated = newline is not null;
        if (newline is { } position)
        {
            line = buffer.Slice(0, position);
            buffer = buffer.Slice(buffer.GetPosition(1, position));
            return true;
        }

        if (isCompleted && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    /// <summary>
    /// Parses one line into <paramref name="page"/>. The line is one verdict: when it fails anywhere, even after its
    /// record closed (<c>{...},</c> or <c>{...} x</c>), the record it added is taken back, so a skipped line counts
    /// nothing and a failing one is not in a partial report.
    /// </summary>
    private static ImportErrorFormatException? ParseLine(JsonErrorParser parser, ImportErrorPage page, ReadOnlySequence<byte> line, int lineNumber, long offset)
    {
        if (IsBlank(line))
        {
            return null;
        }

        var (count, arenaLength) = (page.Count, page.ArenaLength);
        parser.Reset();
        parser.Begin(page, lineNumber, "line");
        parser.BaseOffset = offset;
        ImportErrorFormatException? failure;
        try
        {
            parser.Parse(line, isFinalBlock: true, out _);
            failure = parser.AtTopLevel ? null : parser.Truncated(offset + line.Length);
        }
        catch (ImportErrorFormatException ex)
        {
            failure = ex;
        }

        if (failure is not null)
        {
            page.RollBack(count, arenaLength);
        }

        return failure;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
