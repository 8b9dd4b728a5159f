using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// The streaming parser on its own: pages of import errors from a <see cref="PipeReader"/>. Internal (tests and
/// benchmarks): its pages are reused, so a caller that kept one would read another page's records; the library's users
/// get the parser through the analyzer and an <see cref="Aggregation.IErrorAggregator{TState, TResult}"/>.
/// </summary>
internal static class ImportErrorPageReader
{
    /// <summary>
    /// Parses pages as bytes arrive. Each page is yielded only once it parsed completely, and stays valid until the
    /// next page is requested (pages are reused). Names (error types, object types) are interned per call: after
    /// 4,096 (the analyzer's default <c>MaxDistinctKeys</c>) undocumented names of a kind, further new ones read
    /// <c>(other unknown)</c>. Every sensitive value (<see cref="Model.ImportErrorRecord.IsSensitive"/>, values of
    /// <c>standard</c> sensitivity included) reads as <see cref="Model.ImportErrorRecord.RedactedValue"/>.
    /// </summary>
    /// <param name="reader">The bytes; not completed by this method.</param>
    /// <param name="sourceName">Named in errors.</param>
    /// <param name="format">Response pages or NDJSON.</param>
    /// <param name="limits">Limits on the input; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="ImportErrorFormatException">The input is malformed.</exception>
    public static async IAsyncEnumerable<ImportErrorPage> ReadPagesAsync(
        PipeReader reader,
        string sourceName,
        InputFormat format = InputFormat.Pages,
        ParserLimits? limits = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        limits ??= new ParserLimits();
        limits.Validate();
        var pool = new PagePool(2);
        var context = new ReadContext(sourceName, 0, limits, pool, onSkip: null);
        var pages = format == InputFormat.Ndjson
            ? NdjsonStreamReader.ReadAsync(reader, context, cancellationToken)
            : PageStreamReader.ReadAsync(reader, context, cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            yield return page;
            pool.Return(page);
        }
    }
}
