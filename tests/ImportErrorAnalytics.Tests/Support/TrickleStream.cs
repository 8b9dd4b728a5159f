namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// A read-only stream that hands out its bytes in the chunk sizes it is given, one chunk per read; when given,
/// <paramref name="beforeRead"/> runs before each read (to act at a point of the input: cancel, delete a file...).
/// </summary>
internal sealed class TrickleStream(byte[] data, IReadOnlyList<int> chunkSizes, Action? beforeRead = null) : Stream
{
    private int _position;
    private int _chunk;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        beforeRead?.Invoke();
        var size = chunkSizes.Count == 0 ? buffer.Length : Math.Max(1, chunkSizes[_chunk++ % chunkSizes.Count]);
        var n = Math.Min(Math.Min(size, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
