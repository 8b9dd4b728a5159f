using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Parsing;

/// <summary>What a page reader needs to know about the input it reads.</summary>
internal sealed class ReadContext(string sourceName, int sourceOrdinal, ParserLimits limits, PagePool pool, Action<SkippedInput>? onSkip)
{
    public string SourceName { get; } = sourceName;

    public int SourceOrdinal { get; } = sourceOrdinal;

    public ParserLimits Limits { get; } = limits;

    public PagePool Pool { get; } = pool;

    /// <summary>When set, malformed data is reported here and skipped instead of ending the run.</summary>
    public Action<SkippedInput>? OnSkip { get; } = onSkip;

    /// <summary>The index of the first page read through this context (a resumed or paged source starts later).</summary>
    public int FirstPageIndex { get; init; }

    /// <summary>Buffered bytes beyond which an incomplete token is refused.</summary>
    public long MaxBuffered => (long)Limits.MaxValueBytes + 64 * 1024;

    public ImportErrorPage RentPage(int pageIndex, bool responsePage)
    {
        var page = Pool.Rent();
        page.Reset(SourceName, SourceOrdinal, pageIndex, responsePage);
        return page;
    }
}
