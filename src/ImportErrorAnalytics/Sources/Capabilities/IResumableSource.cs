using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Sources.Capabilities;

/// <summary>
/// An import read page by page behind cursors (each page's <see cref="ImportErrorPage.NextAfter"/>, null after the
/// last), that can start after a saved cursor: what a checkpointed run needs. The checkpoint is kept for the import's
/// <see cref="IImportSource.ImportId"/> at <see cref="Location"/>, and refused by a source of another import or place.
/// </summary>
internal interface IResumableSource : IImportSource
{
    /// <summary>Where the import is read from (the API's base address): part of the checkpoint's identity.</summary>
    string Location { get; }

    /// <summary>Reads the pages from <paramref name="start"/> on, as <see cref="ErrorSource.ReadPagesAsync"/> reads them from the first.</summary>
    /// <param name="context">The run's context for this input.</param>
    /// <param name="start">The cursor after the last committed page and that page's index + 1.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, ResumePoint start, CancellationToken cancellationToken);
}

/// <summary>Where a resumed read starts: after cursor <paramref name="After"/>, at page <paramref name="PageIndex"/> (0-based).</summary>
/// <param name="After">The cursor of the next page; null for the first page.</param>
/// <param name="PageIndex">The index of the next page.</param>
internal readonly record struct ResumePoint(string? After, int PageIndex)
{
    /// <summary>The first page.</summary>
    public static ResumePoint Beginning => default;
}
