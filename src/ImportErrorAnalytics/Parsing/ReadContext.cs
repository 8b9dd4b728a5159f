using ImportErrorAnalytics.Fingerprints;
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

    /// <summary>The absolute offset of the first byte read through this context (a tail handed back by the parallel reader starts later).</summary>
    public long StartOffset { get; init; }

    /// <summary>True when pages of this input were read before this context took over (an empty rest is then no error).</summary>
    public bool SawPageBefore { get; init; }

    /// <summary>How many workers may parse the pages of this one input (more than one: the parallel page reader).</summary>
    public int ParseWorkers { get; init; } = 1;

    /// <summary>False makes the parser read every record token by token: the oracle of its record fast path in tests.</summary>
    public bool RecordFastPath { get; init; } = true;

    /// <summary>Values HubSpot classes as <c>standard</c> sensitivity are shown rather than redacted.</summary>
    public bool ShowStandardSensitivity { get; init; }

    /// <summary>
    /// The parser keeps each record's <c>sourceData.rowData</c> cells and <c>errorMessage</c> (for the failed-rows CSV);
    /// off, it skips them as it always did.
    /// </summary>
    public bool CaptureRows { get; init; }

    /// <summary>
    /// The fingerprint of the whole input, set by its source once it read the input to its end; none for a source
    /// identified otherwise (a HubSpot import, by its id).
    /// </summary>
    public InputFingerprint? Fingerprint { get; set; }

    /// <summary>
    /// What the import read through this context says of itself, handed over by its source
    /// (<see cref="Sources.Capabilities.IImportSource"/>) before its first page; the run that made the context keeps it.
    /// </summary>
    public Model.HubSpotImport? Import { get; private set; }

    /// <summary>Hands the run the description of the import this context reads.</summary>
    /// <param name="import">The description.</param>
    public void Describe(Model.HubSpotImport import) => Import = import ?? throw new ArgumentNullException(nameof(import));

    /// <summary>Buffered bytes beyond which an incomplete token is refused.</summary>
    public long MaxBuffered => (long)Limits.MaxValueBytes + 64 * 1024;

    /// <summary>The same input from a later point: <paramref name="offset"/>, page <paramref name="pageIndex"/>.</summary>
    public ReadContext From(long offset, int pageIndex, bool sawPage) => new(SourceName, SourceOrdinal, Limits, Pool, OnSkip)
    {
        StartOffset = offset,
        FirstPageIndex = pageIndex,
        SawPageBefore = sawPage,
        RecordFastPath = RecordFastPath,
        ShowStandardSensitivity = ShowStandardSensitivity,
        CaptureRows = CaptureRows,
    };

    public ImportErrorPage RentPage(int pageIndex, bool responsePage)
    {
        var page = Pool.Rent();
        page.Reset(SourceName, SourceOrdinal, pageIndex, responsePage);
        page.ShowStandardSensitivity = ShowStandardSensitivity;
        return page;
    }
}
