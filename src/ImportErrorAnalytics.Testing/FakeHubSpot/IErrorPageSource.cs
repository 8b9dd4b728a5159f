using System.Text.Json;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>Where an import's error pages come from. Positions are what the cursors encode.</summary>
internal interface IErrorPageSource
{
    /// <summary>Whether a cursor may point at <paramref name="position"/>.</summary>
    bool IsValidPosition(long position);

    /// <summary>The page starting at <paramref name="position"/> (a valid one), at most <paramref name="limit"/> errors.</summary>
    ErrorPage ReadPage(long position, int limit);
}

/// <summary>One page of errors, written one result at a time so the body can be flushed as it grows.</summary>
internal abstract class ErrorPage : IDisposable
{
    /// <summary>Number of results.</summary>
    public abstract int Count { get; }

    /// <summary>Where the next page starts, or <see langword="null"/> on the last page.</summary>
    public abstract long? NextPosition { get; }

    /// <summary>Writes result <paramref name="index"/>, with the optional fields asked for.</summary>
    public abstract void WriteResult(Utf8JsonWriter writer, int index, bool includeErrorMessage, bool includeRowData);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the page holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
