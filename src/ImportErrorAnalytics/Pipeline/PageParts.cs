using System.Threading.Channels;
using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>
/// The later parts of one page handed out in parts, on their way from the parse worker that reads the page to the
/// aggregation worker that took its first part: every part of a page goes to one worker, in order, so the page is
/// staged and committed in one place. Few parts are in flight (the writer waits), so memory follows the part size.
/// Completed without the last part, the page was abandoned (its read failed, or its source reads it again).
/// </summary>
internal sealed class PageParts
{
    private readonly Channel<ImportErrorPage> _parts = Channel.CreateBounded<ImportErrorPage>(new BoundedChannelOptions(2)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = false,
    });

    public ValueTask WriteAsync(ImportErrorPage part, CancellationToken cancellationToken) => _parts.Writer.WriteAsync(part, cancellationToken);

    /// <summary>No more parts: after the last one, or to abandon the page.</summary>
    public void Complete() => _parts.Writer.TryComplete();

    /// <summary>The next part, or <see langword="null"/> when the page ended without its last part.</summary>
    public async ValueTask<ImportErrorPage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (await _parts.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_parts.Reader.TryRead(out var part))
            {
                return part;
            }
        }

        return null;
    }
}

/// <summary>A page (or its first part) in the channel between the stages, with the way to its later parts and the ordinal of its input in the run.</summary>
internal readonly record struct PendingPage(ImportErrorPage First, PageParts? Rest, int Input);
