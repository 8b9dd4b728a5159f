namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// The <c>paging.next.after</c> cursors one run has followed through a paged HubSpot listing (an import's errors, or
/// the list of imports), so that paging which would go round in circles ends with an error before any page is read
/// twice. Memory grows with the pages read (one cursor each), like the bytes read.
/// </summary>
internal sealed class PagingCursors(string what)
{
    private const int ShownCursorLength = 80;

    private readonly Dictionary<string, int> _givenBy = new(StringComparer.Ordinal);

    /// <summary>A resumed run starts with <paramref name="after"/>, which page <paramref name="pageNumber"/> gave.</summary>
    public void Resume(string? after, int pageNumber)
    {
        if (after is { Length: > 0 })
        {
            _givenBy[after] = pageNumber;
        }
    }

    /// <summary>Accepts the cursor page <paramref name="pageNumber"/> gives, or throws when it cannot be followed.</summary>
    /// <param name="next">The cursor; <see langword="null"/> on the last page.</param>
    /// <param name="pageNumber">The 1-based number of the page that gave it.</param>
    /// <exception cref="HubSpotApiException">The cursor is empty, or a page before gave it already.</exception>
    public void Accept(string? next, int pageNumber)
    {
        if (next is null)
        {
            return;
        }

        if (next.Length == 0)
        {
            throw new HubSpotApiException(
                HubSpotFailure.InvalidResponse,
                null,
                $"HubSpot's paging of {what} cannot be followed: page {pageNumber} announces a next page with an empty cursor (paging.next.after is \"\"). Asking with it would start again from the first page, and stopping would drop the rest without a word. Stopped before counting page {pageNumber}.");
        }

        if (_givenBy.TryGetValue(next, out var earlier))
        {
            throw new HubSpotApiException(
                HubSpotFailure.InvalidResponse,
                null,
                $"HubSpot's paging of {what} repeats: page {pageNumber} gives the cursor '{Shown(next)}' that page {earlier} gave, so following it would read page {earlier + 1} again. Stopped before counting page {pageNumber}: no page is counted twice.");
        }

        _givenBy.Add(next, pageNumber);
    }

    private static string Shown(string cursor) => cursor.Length <= ShownCursorLength ? cursor : cursor[..ShownCursorLength] + "...";
}
