using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Sources;

/// <summary>Something that yields parsed pages of import errors: a file, a stream, (later) the HubSpot API.</summary>
internal abstract class ErrorSource
{
    public abstract string Name { get; }

    public abstract IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, CancellationToken cancellationToken);
}
