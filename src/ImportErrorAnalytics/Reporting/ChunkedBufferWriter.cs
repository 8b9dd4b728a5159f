using System.Buffers;
using System.Text;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// A buffer writer that hands its bytes on in chunks: whenever a writer asks for more room than is left, the bytes
/// written so far go to the sink and the buffer starts over. Output of any size costs one buffer (grown only for a
/// single request larger than it), so a report of many megabytes is written without ever being whole in memory.
/// </summary>
internal sealed class ChunkedBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>The buffer's size unless told otherwise.</summary>
    internal const int DefaultChunkBytes = 64 * 1024;

    private readonly Action<ReadOnlySpan<byte>> _sink;
    private byte[] _buffer;
    private int _written;

    /// <param name="sink">Takes each chunk (synchronously; the span is only valid during the call).</param>
    /// <param name="chunkBytes">The buffer's size.</param>
    public ChunkedBufferWriter(Action<ReadOnlySpan<byte>> sink, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        _sink = sink;
        _buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
    }

    /// <summary>A writer whose chunks go to <paramref name="stream"/>.</summary>
    public static ChunkedBufferWriter To(Stream stream, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ChunkedBufferWriter(stream.Write, chunkBytes);
    }

    /// <summary>A writer whose chunks go to <paramref name="writer"/>, decoded as UTF-8 (a character split between chunks stays whole).</summary>
    public static ChunkedBufferWriter To(TextWriter writer, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(chunkBytes)];
        return new ChunkedBufferWriter(
            bytes =>
            {
                if (chars.Length < Encoding.UTF8.GetMaxCharCount(bytes.Length))
                {
                    chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
                }

                var count = decoder.GetChars(bytes, chars, flush: false);
                writer.Write(chars, 0, count);
            },
            chunkBytes);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var start = Room(sizeHint);
        return _buffer.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Room(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Hands what is buffered to the sink.</summary>
    public void Flush()
    {
        if (_written > 0)
        {
            _sink(_buffer.AsSpan(0, _written));
            _written = 0;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> bytes (at least one) and returns where it starts.</summary>
    private int Room(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return _written;
        }

        Flush();
        if (_buffer.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        return 0;
    }
}
