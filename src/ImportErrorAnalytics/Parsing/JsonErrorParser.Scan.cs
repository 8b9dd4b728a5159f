using System.Buffers;
using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// The record scan: the fastest path, for records of a response page that lie whole in one span of the bytes read. It reads
/// the fields the aggregators use straight from the bytes and passes over everything else with the validating skips
/// of <see cref="JsonSpan"/>, without tokenizing it, record after record, then hands the reader back the position
/// after the last record it took. It takes a record only when it proves it valid JSON and reads it exactly as
/// <see cref="ReadRecordFields"/> would; anything else (an escape in a name or a stored string, a null, a number that
/// is not plain digits, a value over the limit, invalid UTF-8 in a stored string, invalid or unusual JSON, a record cut
/// off by the end of the span) it leaves, with nothing of that record stored, to the token paths: the reader's fast
/// path, then the state machine, which alone reports every error, at the same place as without the scan.
/// </summary>
internal sealed partial class JsonErrorParser
{
    /// <summary>
    /// The reader's state just after a record's closing brace in a page's <c>results</c>: the same after every record
    /// (the nesting is always page object, results array; the line and column it would also hold are used only in the
    /// reader's own messages, whose position part <see cref="Describe(JsonException)"/> drops).
    /// </summary>
    private static readonly JsonReaderState AfterRecordState = StateAfterRecord();

    /// <summary>The bytes the current reader reads: the scan reads records that lie whole in one of their segments.</summary>
    private ReadOnlySequence<byte> _scanBytes;

    /// <summary>The absolute offset of a record's opening brace the scan gave up on: the token paths read it.</summary>
    private long _noScanAt = -1;

    /// <summary>How many records the scan took (for tests: that it is taken at all).</summary>
    public int RecordsScanned { get; private set; }

    private static JsonReaderState StateAfterRecord()
    {
        var reader = new Utf8JsonReader("{\"results\":[{}"u8, isFinalBlock: false, new JsonReaderState(PageReaderOptions));
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
        }

        return reader.CurrentState;
    }

    /// <summary>
    /// Scans the record whose opening brace is the reader's current token, and the records after it while they are
    /// whole in the span. When it took at least one, it commits them and asks <see cref="Parse"/> (through
    /// <see cref="Interrupt.Restart"/>) to read on after the last with a new reader.
    /// </summary>
    /// <returns>False when the scan took no record: the caller reads this one with the token paths.</returns>
    private bool TryScanRecords(ref Utf8JsonReader reader)
    {
        // The scan reads from the record's opening brace to the end of the segment that holds it.
        var start = reader.TokenStartIndex;
        if (BaseOffset + start == _noScanAt || start >= _scanBytes.Length)
        {
            return false;
        }

        var json = _scanBytes.IsSingleSegment ? _scanBytes.FirstSpan[(int)start..] : _scanBytes.Slice(start).FirstSpan;
        var at = 0;

        var page = _page!;
        var taken = -1;
        while (true)
        {
            var arenaMark = page.ArenaLength;
            ref var slot = ref page.PendingSlot;
            slot.Reset();
            var end = ScanRecord(json, at, ref slot);
            if (end < 0)
            {
                page.TruncateArena(arenaMark);
                if (taken < 0)
                {
                    return false;
                }

                _noScanAt = BaseOffset + start + at;
                break;
            }

            _recordNumber++;
            RecordsScanned++;
            page.CommitRecord();
            taken = end;

            var next = JsonSpan.SkipWhitespace(json, end);
            if (next >= json.Length || json[next] != ',' || page.Count == _maxRecordsPerPart)
            {
                break;
            }

            next = JsonSpan.SkipWhitespace(json, next + 1);
            if (next >= json.Length || json[next] != '{')
            {
                break;
            }

            at = next;
        }

        _interrupt = Interrupt.Restart;
        _restartAt = start + taken;
        _restartState = AfterRecordState;
        return true;
    }

    /// <summary>The record whose opening brace is at <paramref name="at"/>: the index past its closing brace, or <see cref="JsonSpan.Unsure"/>.</summary>
    private int ScanRecord(ReadOnlySpan<byte> json, int at, ref RecordSlot slot)
    {
        var i = at + 1;
        for (var first = true; ; first = false)
        {
            i = JsonSpan.NextMember(json, i, first, out var end);
            if (i < 0 || end)
            {
                return i;
            }

            i = JsonSpan.MemberName(json, i, out var name, out var escaped);
            if (i < 0 || escaped)
            {
                return JsonSpan.Unsure;
            }

            i = MatchRecordField(name) switch
            {
                Field.Id => ScanStore(json, i, out slot.IdOffset, out slot.IdLength),
                Field.CreatedAt => ScanDigits(json, i, 18, out slot.CreatedAt, out slot.HasCreatedAt),
                Field.ErrorType => ScanIntern(json, i, _page!.Names.ErrorTypes, out slot.ErrorTypeId),
                Field.ObjectType => ScanIntern(json, i, _page!.Names.ObjectTypes, out slot.ObjectTypeId),
                Field.KnownColumnNumber => ScanInt32(json, i, out slot.KnownColumnNumber, out slot.HasKnownColumnNumber),
                Field.InvalidValue => ScanStoreValue(json, i, ref slot, fromDisplay: false),
                Field.InvalidValueToDisplay => ScanStoreValue(json, i, ref slot, fromDisplay: true),
                Field.SourceData => json[i] == 'n' ? JsonSpan.Literal(json, i, "null"u8) : ScanSourceData(json, i, ref slot, _captureRows),
                Field.InvalidPropertyValue => json[i] == 'n' ? JsonSpan.Literal(json, i, "null"u8) : ScanPropertyValue(json, i, ref slot),

                // Captured text is left to the token paths: the scan stores no rows.
                _ when _captureRows && name.SequenceEqual("errorMessage"u8) => JsonSpan.Unsure,
                _ => JsonSpan.Value(json, i),
            };

            if (i < 0)
            {
                return JsonSpan.Unsure;
            }
        }
    }

    private static int ScanSourceData(ReadOnlySpan<byte> json, int at, ref RecordSlot slot, bool captureRows)
    {
        if (json[at] != '{')
        {
            return JsonSpan.Unsure;
        }

        var i = at + 1;
        for (var first = true; ; first = false)
        {
            i = JsonSpan.NextMember(json, i, first, out var end);
            if (i < 0 || end)
            {
                return i;
            }

            i = JsonSpan.MemberName(json, i, out var name, out var escaped);
            if (i < 0 || escaped)
            {
                return JsonSpan.Unsure;
            }

            i = MatchSourceDataField(name) switch
            {
                Field.FileId => ScanDigits(json, i, 18, out slot.FileId, out slot.HasFileId),
                Field.LineNumber => ScanInt32(json, i, out slot.LineNumber, out slot.HasLineNumber),
                Field.ContainsEncryptedProperties => ScanBoolean(json, i, out slot.ContainsEncryptedProperties),
                _ when captureRows && name.SequenceEqual("rowData"u8) => JsonSpan.Unsure,
                _ => JsonSpan.Value(json, i, 1),
            };

            if (i < 0)
            {
                return JsonSpan.Unsure;
            }
        }
    }

    private int ScanPropertyValue(ReadOnlySpan<byte> json, int at, ref RecordSlot slot)
    {
        if (json[at] != '{')
        {
            return JsonSpan.Unsure;
        }

        slot.HasPropertyValue = true;
        var i = at + 1;
        for (var first = true; ; first = false)
        {
            i = JsonSpan.NextMember(json, i, first, out var end);
            if (i < 0 || end)
            {
                return i;
            }

            i = JsonSpan.MemberName(json, i, out var name, out var escaped);
            if (i < 0 || escaped)
            {
                return JsonSpan.Unsure;
            }

            i = MatchPropertyValueField(name) switch
            {
                Field.Name => ScanStore(json, i, out slot.PropertyOffset, out slot.PropertyLength),
                Field.DataSensitivity => ScanSensitivity(json, i, ref slot.Sensitivity),
                Field.IsEncrypted => ScanBoolean(json, i, out slot.IsEncrypted),
                Field.MaskedSubstrings => ScanMaskedSubstrings(json, i, ref slot.MaskedSubstrings),
                _ => JsonSpan.Value(json, i, 1),
            };

            if (i < 0)
            {
                return JsonSpan.Unsure;
            }
        }
    }

    /// <summary>As <see cref="TryStoreValue"/>: <c>invalidValue</c> wins over the display text, which must still be a string.</summary>
    private int ScanStoreValue(ReadOnlySpan<byte> json, int at, ref RecordSlot slot, bool fromDisplay)
    {
        if (fromDisplay && slot.ValueLength >= 0 && !slot.ValueFromDisplay)
        {
            return json[at] == '"' ? JsonSpan.String(json, at, out _) : JsonSpan.Unsure;
        }

        var (replacedOffset, replacedLength) = (slot.ValueOffset, slot.ValueLength);
        var end = ScanStore(json, at, out slot.ValueOffset, out slot.ValueLength);
        if (end < 0)
        {
            return JsonSpan.Unsure;
        }

        slot.ValueFromDisplay = fromDisplay;
        _page!.Wipe(replacedOffset, replacedLength);
        return end;
    }

    /// <summary>
    /// A string within the limit, stored in the page's arena as <see cref="TryStore"/> stores it: unescaped, and only
    /// when the text is valid UTF-8 (an escape of an unpaired surrogate is left to the token paths, which report it).
    /// </summary>
    private int ScanStore(ReadOnlySpan<byte> json, int at, out int offset, out int length)
    {
        offset = 0;
        length = 0;
        if (json[at] != '"')
        {
            return JsonSpan.Unsure;
        }

        var end = JsonSpan.String(json, at, out var escaped);
        var raw = end < 0 ? default : json[(at + 1)..(end - 1)];
        if (end < 0 || raw.Length > _maxValueBytes)
        {
            return JsonSpan.Unsure;
        }

        var page = _page!;
        if (!escaped)
        {
            if (!IsValidUtf8(raw))
            {
                return JsonSpan.Unsure;
            }

            offset = page.Append(raw);
            length = raw.Length;
            return end;
        }

        var target = page.Reserve(raw.Length, out offset);
        var written = JsonSpan.Unescape(raw, target);
        if (written < 0 || !IsValidUtf8(target[..written]))
        {
            return JsonSpan.Unsure;
        }

        page.Advance(written);
        length = written;
        return end;
    }

    /// <summary>A name's id in <paramref name="table"/>, as <see cref="TryIntern"/> finds or adds it.</summary>
    private int ScanIntern(ReadOnlySpan<byte> json, int at, NameTable table, out int id)
    {
        id = 0;
        var end = ScanPlainString(json, at, out var text, checkUtf8: false);
        if (end < 0)
        {
            return JsonSpan.Unsure;
        }

        id = table.Find(text);
        if (id > 0)
        {
            return end;
        }

        if (!IsValidUtf8(text))
        {
            return JsonSpan.Unsure;
        }

        id = table.GetOrAdd(text);
        return end;
    }
}
