using System.Text.Json;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// A synthetic import's errors paged by offset. The generator is sequential (one seeded random stream), so reaching
/// offset n means generating n errors: to keep a walk over all pages linear, the enumerators left at the end of the
/// last pages are kept for the next request, and the last pages themselves are kept for retries.
/// </summary>
internal sealed class SyntheticErrorSource : IErrorPageSource
{
    private const int ParkedLimit = 8;
    private const int RecentLimit = 8;

    private readonly SyntheticImport _full;
    private readonly long _total;
    private readonly Lock _lock = new();
    private readonly List<(long Next, IEnumerator<SyntheticError> Errors)> _parked = [];
    private readonly List<(long Offset, SyntheticError[] Errors)> _recent = [];

    public SyntheticErrorSource(SyntheticImport import)
    {
        // Row data and error messages do not draw from the random stream, so turning them on changes nothing else:
        // the server generates them always and drops them when a request does not ask for them.
        var options = import.Options.Copy();
        options.IncludeRowData = true;
        options.IncludeErrorMessage = true;
        _full = new SyntheticImport(options);
        _total = Math.Max(0, options.Errors);
    }

    public bool IsValidPosition(long position) => position >= 0 && position <= _total;

    public ErrorPage ReadPage(long position, int limit)
    {
        var count = (int)Math.Min(limit, _total - position);
        var errors = Take(position, count);
        var next = position + count;
        return new Page(errors, next < _total ? next : null, _full.Options.Shape);
    }

    private SyntheticError[] Take(long offset, int count)
    {
        IEnumerator<SyntheticError>? enumerator = null;
        var position = 0L;
        lock (_lock)
        {
            foreach (var (start, errors) in _recent)
            {
                if (start == offset && errors.Length >= count)
                {
                    return errors[..count];
                }
            }

            var best = -1;
            for (var i = 0; i < _parked.Count; i++)
            {
                if (_parked[i].Next <= offset && (best < 0 || _parked[i].Next > _parked[best].Next))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                (position, enumerator) = _parked[best];
                _parked.RemoveAt(best);
            }
        }

        enumerator ??= _full.Generate().GetEnumerator();
        while (position < offset && enumerator.MoveNext())
        {
            position++;
        }

        var page = new SyntheticError[count];
        var read = 0;
        while (read < count && enumerator.MoveNext())
        {
            page[read++] = enumerator.Current;
        }

        position += read;
        if (read < count)
        {
            Array.Resize(ref page, read);
        }

        lock (_lock)
        {
            _parked.Add((position, enumerator));
            if (_parked.Count > ParkedLimit)
            {
                _parked[0].Errors.Dispose();
                _parked.RemoveAt(0);
            }

            _recent.Add((offset, page));
            if (_recent.Count > RecentLimit)
            {
                _recent.RemoveAt(0);
            }
        }

        return page;
    }

    private sealed class Page(SyntheticError[] errors, long? next, SyntheticShape shape) : ErrorPage
    {
        public override int Count => errors.Length;

        public override long? NextPosition => next;

        public override void WriteResult(Utf8JsonWriter writer, int index, bool includeErrorMessage, bool includeRowData)
        {
            var error = errors[index];
            if (!includeErrorMessage && error.ErrorMessage is not null)
            {
                error = error with { ErrorMessage = null };
            }

            if (!includeRowData && error.RowData is { Count: > 0 })
            {
                // The full shape always has the schema's required rowData, empty unless asked for.
                error = error with { RowData = shape == SyntheticShape.Full ? [] : null };
            }

            ErrorJsonWriter.WriteError(writer, error);
        }
    }
}
