using System.Buffers;
using System.Diagnostics;
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
    private readonly bool _recordFastPath;
    private readonly bool _recordScan;
    private readonly bool _captureRows;
    private readonly int _maxRecordsPerPart;
    private JsonReaderState _state;
    private int _depth;
    private Field _pending;
    private int _skipDepth = -1;
    private bool _inRecord;
    private int _recordNumber;
    private int _pageNumber;
    private ImportErrorPage? _page;
    private string _unit = "page";
    private Interrupt _interrupt;

    /// <summary>For the next part of a page: the records in the parts before it, and the cursor read so far.</summary>
    private int _carriedRecords;
    private string? _carriedAfter;

    /// <param name="sourceName">Named in error messages.</param>
    /// <param name="maxValueBytes">The largest accepted value.</param>
    /// <param name="recordMode">True for NDJSON lines: a top-level object is an error record, not a page.</param>
    /// <param name="recordFastPath">False reads every record token by token (the fast path's oracle in tests).</param>
    /// <param name="maxRecordsPerPart">
    /// The most records one <see cref="ImportErrorPage"/> takes: at the first record past it the parser stops with
    /// <see cref="PartFull"/> and goes on into the page given to <see cref="ContinueWith"/>. Response pages only.
    /// </param>
    /// <param name="recordScan">
    /// False leaves out the record scan (<see cref="TryScanRecords"/>), leaving the reader's fast path first (for
    /// benchmarks); it only runs with <paramref name="recordFastPath"/>.
    /// </param>
    /// <param name="captureRows">
    /// True keeps each record's <c>sourceData.rowData</c> cells and <c>errorMessage</c> in the page's arena
    /// (<see cref="Model.RowCells"/>); false skips them, the paths reading exactly as they do without this option.
    /// </param>
    public JsonErrorParser(string sourceName, int maxValueBytes, bool recordMode, bool recordFastPath = true, int maxRecordsPerPart = int.MaxValue, bool recordScan = true, bool captureRows = false)
    {
        _captureRows = captureRows;
        _sourceName = sourceName;
        _maxValueBytes = maxValueBytes;
        _recordMode = recordMode;
        _recordFastPath = recordFastPath;
        _recordScan = recordFastPath && recordScan;
        _maxRecordsPerPart = recordMode ? int.MaxValue : maxRecordsPerPart;
        Reset();
    }

    /// <summary>Why <see cref="Run"/> stopped before the buffer or the value ended.</summary>
    private enum Interrupt : byte
    {
        None,

        /// <summary>The record fast path gave up: read again from <see cref="_restartAt"/>.</summary>
        Restart,

        /// <summary>The part is full: <see cref="PartFull"/>.</summary>
        PartFull,
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

        /// <summary>Inside <c>invalidPropertyValue.maskedSubstrings</c>, an object: only a null or empty <c>substrings</c> leaves it empty.</summary>
        MaskedSubstrings,

        /// <summary>Inside an array of masked ranges: any element means HubSpot masked part of the value.</summary>
        MaskedList,

        /// <summary>Inside a captured <c>sourceData.rowData</c>: each element is a cell.</summary>
        RowData,
    }

    /// <summary>Absolute offset in the source of the first byte of the next buffer passed to <see cref="Parse"/>.</summary>
    public long BaseOffset { get; set; }

    /// <summary>True when no value is open: the source may end here.</summary>
    public bool AtTopLevel => _depth == 0 && _skipDepth < 0;

    /// <summary>
    /// True when the last <see cref="Parse"/> stopped because the page being filled holds the most records a part may
    /// hold and another record begins: hand the part on, then call <see cref="ContinueWith"/>.
    /// </summary>
    public bool PartFull => _interrupt == Interrupt.PartFull;

    /// <summary>Starts filling <paramref name="page"/>; <paramref name="pageNumber"/> is named in errors.</summary>
    public void Begin(ImportErrorPage page, int pageNumber, string unit = "page")
    {
        _page = page;
        _unit = unit;
        _pageNumber = pageNumber;
        _recordNumber = 0;
        _interrupt = Interrupt.None;
    }

    /// <summary>
    /// After <see cref="PartFull"/>: goes on filling the same response page in <paramref name="part"/> (reset by the
    /// caller), which continues the record numbering and carries the cursor read so far. The full part must not be
    /// read for this: it may already be back in the pool.
    /// </summary>
    public void ContinueWith(ImportErrorPage part)
    {
        Debug.Assert(_interrupt == Interrupt.PartFull, "Only a full part is continued.");
        part.FirstRecordIndex = _carriedRecords;
        part.NextAfter = _carriedAfter;
        _page = part;
        _interrupt = Interrupt.None;

        // The record that did not fit has begun (its context is pushed): its slot is the new part's first.
        _page.PendingSlot.Reset();
    }

    /// <summary>Forgets all position state (used between NDJSON lines).</summary>
    public void Reset()
    {
        _state = new JsonReaderState(_recordMode ? RecordReaderOptions : PageReaderOptions);
        _depth = 0;
        _pending = Field.None;
        _skipDepth = -1;
        _inRecord = false;
        _interrupt = Interrupt.None;
        _noScanAt = -1;
    }

    /// <summary>The reader's options for response pages: several pages may follow one another.</summary>
    private static JsonReaderOptions PageReaderOptions => new() { AllowMultipleValues = true, MaxDepth = 256 };

    /// <summary>The reader's options for one NDJSON line.</summary>
    private static JsonReaderOptions RecordReaderOptions => new() { AllowMultipleValues = false, MaxDepth = 256 };

    /// <summary>
    /// Reads tokens from <paramref name="buffer"/> until it runs out or a top-level value completes.
    /// </summary>
    /// <returns>True when a top-level value (a page, or an NDJSON record) was completed.</returns>
    public bool Parse(ReadOnlySequence<byte> buffer, bool isFinalBlock, out SequencePosition consumed)
    {
        long offset = 0;
        while (true)
        {
            var rest = offset == 0 ? buffer : buffer.Slice(offset);
            bool completed;
            _scanBytes = rest;

            // A slice that ends exactly at a segment's end may still say it is not single-segment; the reader is several
            // times slower in multi-segment mode, so any buffer whose bytes lie in one span is read as that span.
            if (rest.First.Length == rest.Length)
            {
                var span = new Utf8JsonReader(rest.First.Span, isFinalBlock, _state);
                completed = Run(ref span, out var used);
                offset += used;
            }
            else
            {
                var reader = new Utf8JsonReader(rest, isFinalBlock, _state);
                completed = Run(ref reader, out var used);
                offset += used;
            }

            if (_interrupt != Interrupt.Restart)
            {
                _scanBytes = default;
                consumed = buffer.GetPosition(offset);
                return completed;
            }

            // The record fast path gave up (read on, token by token, from just inside the record it left), or the scan
            // took records (read on after the last).
            _interrupt = Interrupt.None;
        }
    }

    /// <param name="reader">The reader over the bytes not yet parsed.</param>
    /// <param name="used">The bytes the parser is done with: all the reader consumed, or up to where it reads again.</param>
    private bool Run(ref Utf8JsonReader reader, out long used)
    {
        var completed = false;
        try
        {
            while ((_recordMode || !completed) && reader.Read())
            {
                completed |= OnToken(ref reader);
                if (_interrupt != Interrupt.None)
                {
                    if (_interrupt == Interrupt.PartFull)
                    {
                        break;
                    }

                    _state = _restartState;
                    BaseOffset += _restartAt;
                    used = _restartAt;
                    return completed;
                }
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
        used = reader.BytesConsumed;
        BaseOffset += used;
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
            case Context.RowData:
                ref var slot = ref _page!.PendingSlot;
                slot.RowLength = _page.ArenaLength - slot.RowOffset;
                return false;
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
                return ExpectObjectAtTop(ref reader);
            case Context.Results:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    ThrowWrongType(ref reader, "results[]", "an error object");
                }

                if (_page!.Count == _maxRecordsPerPart)
                {
                    BeginRecordInNextPart();
                    return false;
                }

                if (!(_recordScan && TryScanRecords(ref reader)) && !TryReadRecord(ref reader))
                {
                    BeginRecord();
                }

                return false;
            case Context.MaskedSubstrings when field == Field.Substrings:
                OnMaskedList(ref reader);
                return false;
            case Context.RowData:
                OnCell(ref reader);
                return false;
            case Context.MaskedSubstrings or Context.MaskedList:
                // Anything but a null or empty "substrings" (another property, an element): part of the value is masked.
                _page!.PendingSlot.MaskedSubstrings = true;
                Skip(ref reader);
                return false;
            default:
                OnField(ref reader, context, field);
                return false;
        }
    }

    /// <returns>True when an NDJSON record was read whole by the fast path.</returns>
    private bool ExpectObjectAtTop(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ThrowWrongType(ref reader, _recordMode ? "line" : "page", "a JSON object");
        }

        if (!_recordMode)
        {
            Push(Context.Page);
            return false;
        }

        if (TryReadRecord(ref reader))
        {
            return true;
        }

        BeginRecord();
        return false;
    }

    /// <summary>
    /// A record begins and the part is full: the record is begun for the state machine, and the parser stops just
    /// inside its opening brace (<see cref="PartFull"/>) until <see cref="ContinueWith"/> gives it a new part.
    /// </summary>
    private void BeginRecordInNextPart()
    {
        _carriedRecords = _page!.FirstRecordIndex + _page.Count;
        _carriedAfter = _page.NextAfter;
        _recordNumber++;
        _inRecord = true;
        Push(Context.Record);
        _interrupt = Interrupt.PartFull;
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
