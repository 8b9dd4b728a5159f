using System.IO.Pipelines;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// How much a reader waits for before it looks again at bytes it could not use yet (a token, or an NDJSON line, that
/// has not ended). Looking again costs the length of what is pending, so looking after every arrival would make a value
/// that arrives a byte at a time cost its length squared. Past <see cref="Threshold"/> pending bytes, the next look waits
/// until what is buffered has doubled (or the input ended): the looks at one value then cost at most twice its length,
/// however its bytes are split, and cost grows with the bytes read.
/// </summary>
internal static class PendingReads
{
    /// <summary>Pending bytes below which every arrival is looked at: small, so short values never wait for more.</summary>
    public const long Threshold = 16 * 1024;

    /// <summary>
    /// The next read of <paramref name="pipe"/> after <paramref name="pending"/> bytes were handed back unused: at least
    /// twice as many when they are past <see cref="Threshold"/>, never more than <paramref name="cap"/> (one byte past the
    /// caller's limit, so a limit still fails at the same byte).
    /// </summary>
    public static ValueTask<ReadResult> ReadAsync(PipeReader pipe, long pending, long cap, CancellationToken cancellationToken)
    {
        if (pending < Threshold)
        {
            return pipe.ReadAsync(cancellationToken);
        }

        var minimum = Math.Min(Math.Min(pending * 2, cap), int.MaxValue);
        return minimum > pending ? pipe.ReadAtLeastAsync((int)minimum, cancellationToken) : pipe.ReadAsync(cancellationToken);
    }
}
