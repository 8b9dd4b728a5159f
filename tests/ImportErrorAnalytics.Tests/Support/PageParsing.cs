using System.IO.Pipelines;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Runs the real streaming parser over bytes and copies out what it yields.</summary>
internal static class PageParsing
{
    /// <summary>
    /// The pages the reader yields, each put back together from its parts (checking that they follow one another:
    /// same page, record indexes continuing, at most <see cref="ParserLimits.MaxRecordsPerPart"/> records each).
    /// </summary>
    public static async Task<List<(List<ParsedError> Records, string? After)>> ParseAsync(
        byte[] bytes, IReadOnlyList<int>? chunks = null, InputFormat format = InputFormat.Pages, ParserLimits? limits = null, int bufferSize = 4096, TimeSpan? timeout = null)
    {
        var stream = new TrickleStream(bytes, chunks ?? []);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: bufferSize, minimumReadSize: 1));
        var pages = new List<(List<ParsedError>, string?)>();
        var maxRecords = format == InputFormat.Pages ? (limits ?? new ParserLimits()).MaxRecordsPerPart : int.MaxValue;
        List<ParsedError>? records = null;
        var pageNumber = 0;
        using var hangGuard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await foreach (var page in ImportErrorPageReader.ReadPagesAsync(reader, "test.json", format, limits, hangGuard.Token))
        {
            if (records is null)
            {
                records = new List<ParsedError>(page.Count);
                pageNumber = page.PageNumber;
            }

            Assert.Equal((pageNumber, records.Count), (page.PageNumber, page.FirstRecordIndex));
            Assert.InRange(page.Count, 0, maxRecords);
            for (var i = 0; i < page.Count; i++)
            {
                records.Add(ParsedError.From(page[i]));
            }

            if (page.IsLastPart)
            {
                pages.Add((records, page.NextAfter));
                records = null;
            }
        }

        Assert.Null(records);
        await reader.CompleteAsync();
        return pages;
    }

    public static List<ParsedError> Flatten(IEnumerable<(List<ParsedError> Records, string? After)> pages) =>
        pages.SelectMany(p => p.Records).ToList();

    /// <summary>Parses pages of errors into one <see cref="ImportErrorPage"/> per list, for feeding aggregators directly.</summary>
    public static ImportErrorPage ToPage(IReadOnlyList<SyntheticError> errors, int sourceOrdinal = 0, int pageIndex = 0, ImportErrorAnalytics.Model.RunNames? names = null)
    {
        var bytes = JsonText.Page(errors, after: null);
        var pool = new PagePool(0, names);
        var context = new ReadContext("test", sourceOrdinal, new ParserLimits(), pool, onSkip: null);
        var enumerator = PageStreamReader.ReadAsync(PipeReader.Create(new MemoryStream(bytes)), context, CancellationToken.None).GetAsyncEnumerator();
        if (!enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("No page parsed.");
        }

        var page = enumerator.Current;
        page.PageIndex = pageIndex;
        return page;
    }
}
