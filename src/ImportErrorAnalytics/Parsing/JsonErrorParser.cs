using System.Buffers;
using System.Text.Json;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// A resumable state machine over <see cref="Utf8JsonReader"/> tokens that fills an <see cref="ImportErrorPage"/>.
/// It keeps its position (context stack, pending property, skip depth, <see cref="JsonReaderState"/>) between
/// calls, so a page can arrive in any number of segments. It never allocates per record.
/// </summary>
internal sealed partial class JsonErrorParser
{
    private const int MaxContextDepth = 8;

    private readonly Context[] _stack = new Context[MaxContextDepth];
    private readonly string _sourceName;
    private readonly int _maxValueBytes;
    private readonly bool _recordMode;
    private JsonReaderState _state;
    private int _depth;
    private Field _pending;
    private int _skipDepth = -1;
    private bool _inRecord;
    private int _recordNumber;
    private int _pageNumber;
    private ImportErrorPage? _page;
    private string _unit = "page";

    /// <param name="sourceName">Named in error messages.</param>
    /// <param name="maxValueBytes">The largest accepted value.</param>
    /// <param name="recordMode">True for NDJSON lines: a top-level object is an error record, not a page.</param>
    public JsonErrorParser(string sourceName, int maxValueBytes, bool recordMode)
    {
        _sourceName = sourceName;
        _maxValueBytes = maxValueBytes;
        _recordMode = recordMode;
        Reset();
    }

    private enum Context : byte
    {
        Top,
        Page,
        Results,
        Record,
        SourceData,
        PropertyValue,
        Paging,
        PagingNext,
    }

    /// <summary>Absolute offset in the source of the first byte of the next buffer passed to <see cref="Parse"/>.</summary>
    public long BaseOffset { get; set; }

    /// <summary>True when no value is open: the source may end here.</summary>
    public bool AtTopLevel => _depth == 0 && _skipDepth < 0;

    /// <summary>Starts filling <paramref name="page"/>; <paramref name="pageNumber"/> is named in errors.</summary>
    public void Begin(ImportErrorPage page, int pageNumber, string unit = "page")
    {
        _page = page;
        _unit = unit;
        _pageNumber = pageNumber;
        _recordNumber = 0;
    }

    /// <summary>Forgets all position state (used between NDJSON lines).</summary>
    public void Reset()
    {
        _state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = !_recordMode, MaxDepth = 256 });
        _depth = 0;
        _pending = Field.None;
        _skipDepth = -1;
        _inRecord = false;
    }

    /// <summary>
    /// Reads tokens from <paramref name="buffer"/> until it runs out or a top-level value completes.
    /// </summary>
    /// <returns>True when a top-level value (a page, or an NDJSON record) was completed.</returns>
    public bool Parse(ReadOnlySequence<byte> buffer, bool isFinalBlock, out SequencePosition consumed)
    {
        // A slice that ends exactly at a segment's end may still say it is not single-segment; the reader is several
        // times slower in multi-segment mode, so any buffer whose bytes lie in one span is read as that span.
        if (buffer.First.Length == buffer.Length)
        {
            var span = new Utf8JsonReader(buffer.First.Span, isFinalBlock, _state);
            var completed = Run(ref span);
            consumed = buffer.GetPosition(span.BytesConsumed);
            return completed;
        }

        var reader = new Utf8JsonReader(buffer, isFinalBlock, _state);
        var done = Run(ref reader);
        consumed = reader.Position;
        return done;
    }

    private bool Run(ref Utf8JsonReader reader)
    {
        var completed = false;
        try
        {
            while ((_recordMode || !completed) && reader.Read())
            {
                completed |= OnToken(ref reader);
            }
        }
        catch (JsonException ex)
        {
            throw Fail(BaseOffset + reader.BytesConsumed, Describe(ex));
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports text it cannot transcode (invalid UTF-8, lone surrogate escapes) this way.
            throw Fail(BaseOffset + reader.TokenStartIndex, "a string holds invalid UTF-8 or an unpaired surrogate escape.", ex);
        }

        _state = reader.CurrentState;
        BaseOffset += reader.BytesConsumed;
        return completed;
    }

    private bool OnToken(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        if (_skipDepth >= 0)
        {
            if (reader.CurrentDepth == _skipDepth && token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                _skipDepth = -1;
            }

            return false;
        }

        if (token == JsonTokenType.PropertyName)
        {
            _pending = MatchProperty(ref reader);
            return false;
        }

        if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            return OnEnd();
        }

        var field = _pending;
        _pending = Field.None;
        return OnValue(ref reader, field);
    }

    private bool OnEnd()
    {
        var ended = _stack[--_depth];
        switch (ended)
        {
            case Context.Record:
                _page!.CommitRecord();
                _inRecord = false;
                return _recordMode && _depth == 0;
            case Context.Page:
                return true;
            default:
                return false;
        }
    }

    private bool OnValue(ref Utf8JsonReader reader, Field field)
    {
        var context = _depth == 0 ? Context.Top : _stack[_depth - 1];
        switch (context)
        {
            case Context.Top:
                ExpectObjectAtTop(ref reader);
                return false;
            case Context.Results:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw WrongType(ref reader, "results[]", "an error object");
                }

                BeginRecord();
                return false;
            default:
                OnField(ref reader, context, field);
                return false;
        }
    }

    private void ExpectObjectAtTop(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType(ref reader, _recordMode ? "line" : "page", "a JSON object");
        }

        if (_recordMode)
        {
            BeginRecord();
        }
        else
        {
            Push(Context.Page);
        }
    }

    private void BeginRecord()
    {
        _recordNumber++;
        _inRecord = true;
        _page!.PendingSlot.Reset();
        Push(Context.Record);
    }

    private void Push(Context context)
    {
        if (_depth == MaxContextDepth)
        {
            throw new InvalidOperationException("Context stack overflow: the grammar nests at most " + MaxContextDepth + " levels.");
        }

        _stack[_depth++] = context;
    }

    private void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _skipDepth = reader.CurrentDepth;
        }
    }
}
