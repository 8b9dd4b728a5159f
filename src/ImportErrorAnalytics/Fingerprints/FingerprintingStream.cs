using System.Buffers;
using System.IO.Hashing;

namespace ImportErrorAnalytics.Fingerprints;

/// <summary>
/// A read-only view of an input's stream that fingerprints what passes through it: each read's bytes are hashed where
/// the reader put them (no copy), on the thread that reads, as they arrive. <see cref="ReadToEndAsync"/> reads (and
/// hashes) what the parser left, so the fingerprint is of the whole input even when the parser stopped early.
/// Disposing it disposes the input's stream.
/// </summary>
internal sealed class FingerprintingStream(Stream inner) : Stream
{
    private const int DrainBufferSize = 64 * 1024;

    private readonly XxHash128 _hash = new();
    private long _bytes;
    private bool _ended;

    /// <summary>The fingerprint of the bytes read so far; of the whole input once a read returned none.</summary>
    public InputFingerprint Fingerprint => new(_hash.GetCurrentHashAsUInt128(), _bytes);

    /// <summary>True once a read found the end of the input.</summary>
    public bool Ended => _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Hashed(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Hashed(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Hashes <paramref name="bytes"/>, read from the input ahead of this stream (a file read whole); <paramref
    /// name="ended"/> says whether that read found the input's end.
    /// </summary>
    public void Include(ReadOnlySpan<byte> bytes, bool ended)
    {
        _hash.Append(bytes);
        _bytes += bytes.Length;
        _ended |= ended;
    }

    /// <summary>Reads the rest of the input (hashing it, parsing nothing), unless a read already found its end.</summary>
    public async Task ReadToEndAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
        try
        {
            while (await ReadAsync(buffer.AsMemory(0, DrainBufferSize), cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Hashed(ReadOnlySpan<byte> buffer, int read)
    {
        if (read == 0)
        {
            _ended = buffer.Length > 0 || _ended;
            return 0;
        }

        _hash.Append(buffer[..read]);
        _bytes += read;
        return read;
    }
}
