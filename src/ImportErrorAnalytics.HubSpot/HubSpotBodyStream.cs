namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// A response body as read from the wire, through <see cref="System.Net.Http.HttpClient"/>'s decompression: a body that
/// its <c>Content-Encoding</c> does not describe makes the decoders throw <see cref="InvalidDataException"/> (gzip,
/// deflate) or <see cref="InvalidOperationException"/> (Brotli). Both become an <see cref="IOException"/>, a damaged
/// body like a cut one: retried, and never mistaken for a bug.
/// </summary>
internal sealed class HubSpotBodyStream(Stream inner) : Stream
{
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

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw Undecodable(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ValueTask<int> read;
        try
        {
            read = inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw Undecodable(ex);
        }

        // A read that completed synchronously costs no state machine.
        return read.IsCompletedSuccessfully ? read : AwaitAsync(read);
    }

    private static async ValueTask<int> AwaitAsync(ValueTask<int> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw Undecodable(ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static IOException Undecodable(Exception ex) =>
        new($"The response body does not follow its Content-Encoding and cannot be decompressed: {ex.Message}", ex);
}
