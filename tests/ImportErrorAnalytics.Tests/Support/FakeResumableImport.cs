using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Sources.Capabilities;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// An import that is no HubSpot source: pages in memory behind cursors <c>c1</c>, <c>c2</c>, ... It implements the
/// capabilities the pipeline asks of a resumable import and nothing else, and keeps nothing of a read but the starts
/// it was asked for (for the tests to look at). <see cref="FailBeforePage"/> makes one read stop, as a lost connection does.
/// </summary>
internal sealed class FakeResumableImport(string importId, IReadOnlyList<IReadOnlyList<SyntheticError>> pages) : ErrorSource, IResumableSource
{
    private readonly byte[][] _pages = pages.Select((errors, i) => JsonText.Page(errors, i + 1 < pages.Count ? Cursor(i + 1) : null)).ToArray();
    private int _failBeforePage = -1;

    public override string Name => $"fake://imports/{importId}";

    public string ImportId => importId;

    public string Location => "fake://imports/";

    /// <summary>Where each read started.</summary>
    public ConcurrentQueue<ResumePoint> Starts { get; } = new();

    /// <summary>The next read fails (once) before it hands on this page (0-based).</summary>
    public int FailBeforePage { set => _failBeforePage = value; }

    public HubSpotImport Description => new()
    {
        Id = importId,
        Name = "fake import",
        State = "DONE",
        Counters = new Dictionary<string, long>(StringComparer.Ordinal) { ["ERRORS"] = pages.Sum(page => page.Count) },
        FileIds = ["1"],
    };

    public static string Cursor(int pageIndex) => $"c{pageIndex}";

    public override IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, CancellationToken cancellationToken) =>
        ReadPagesAsync(context, ResumePoint.Beginning, cancellationToken);

    public async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(ReadContext context, ResumePoint start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Starts.Enqueue(start);
        if (start.After != (start.PageIndex == 0 ? null : Cursor(start.PageIndex)))
        {
            throw new InvalidOperationException($"Asked to start at page {start.PageIndex} with the cursor '{start.After}'.");
        }

        context.Describe(Description);
        for (var index = start.PageIndex; index < _pages.Length; index++)
        {
            if (Interlocked.CompareExchange(ref _failBeforePage, -1, index) == index)
            {
                throw new IOException($"The connection was lost before page {index + 1}.");
            }

            var pageContext = new ReadContext(Name, context.SourceOrdinal, context.Limits, context.Pool, onSkip: null)
            {
                FirstPageIndex = index,
                ShowStandardSensitivity = context.ShowStandardSensitivity,
            };
            var reader = PipeReader.Create(new MemoryStream(_pages[index]));
            await foreach (var page in PageStreamReader.ReadAsync(reader, pageContext, cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="count"/> pages of <paramref name="perPage"/> errors of a few types, columns and values.</summary>
    public static List<IReadOnlyList<SyntheticError>> Pages(int count, int perPage) =>
        Enumerable.Range(0, count).Select(p => (IReadOnlyList<SyntheticError>)Enumerable.Range(0, perPage).Select(i => new SyntheticError
        {
            Id = $"p{p}-{i}",
            ErrorType = (i % 3) switch { 0 => "INVALID_EMAIL", 1 => "INVALID_OPTION", _ => "UNKNOWN_ERROR_TYPE" },
            FileId = 1,
            LineNumber = (p * perPage) + i + 2,
        }).ToList()).ToList();
}
