using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// The fast path for one error record: a straight-line read of the record's fields, with no state kept between
/// tokens. It takes only records it can read completely and that hold nothing out of the ordinary; for anything else
/// (the record crosses the end of the buffer, an escaped property name, a null or a value of another type, a negative
/// line, a number that needs the general parser, invalid UTF-8, a value over the limit, invalid JSON) it gives up,
/// rolls back what it stored, and the token state machine reads the record again from just inside its opening brace,
/// with a new reader from the state saved there. So the state machine alone decides every error and its message, and a
/// record taken here fills its slot exactly as the state machine would have.
/// </summary>
internal sealed partial class JsonErrorParser
{
    /// <summary>How many records the fast path took (for tests: that it is taken at all).</summary>
    public int RecordsReadFast { get; private set; }

    /// <summary>Where the state machine goes on: just after the record's opening brace, relative to the reader's first byte.</summary>
    private long _restartAt;

    /// <summary>The reader's state at <see cref="_restartAt"/>.</summary>
    private JsonReaderState _restartState;

    /// <summary>
    /// Reads the record whose <see cref="JsonTokenType.StartObject"/> is the reader's current token and commits it.
    /// When it gives up, it asks <see cref="Parse"/> (through <see cref="Interrupt.Restart"/>) to read on from just inside the
    /// record with a new reader, the caller having begun the record for the state machine. A new reader from a saved
    /// state is cheaper than a copy of the reader per record, which the JIT makes with a write barrier.
    /// </summary>
    /// <returns>True when the record was read and committed (the reader then stands on its end).</returns>
    private bool TryReadRecord(ref Utf8JsonReader reader)
    {
        if (!_recordFastPath)
        {
            return false;
        }

        var page = _page!;
        var arenaMark = page.ArenaLength;
        var startAt = reader.BytesConsumed;
        var startState = reader.CurrentState;
        ref var slot = ref page.PendingSlot;
        slot.Reset();
        try
        {
            if (ReadRecordFields(ref reader, ref slot))
            {
                _recordNumber++;
                RecordsReadFast++;
                page.CommitRecord();
                return true;
            }
        }
        catch (JsonException)
        {
            // Invalid JSON: the state machine reports it at its own position.
        }
        catch (InvalidOperationException)
        {
            // An escape the reader cannot transcode: the same.
        }

        page.TruncateArena(arenaMark);
        _interrupt = Interrupt.Restart;
        _restartAt = startAt;
        _restartState = startState;
        return false;
    }

    private bool ReadRecordFields(ref Utf8JsonReader reader, ref RecordSlot slot)
    {
        Step step;
        while ((step = NextField(ref reader, out var name)) == Step.Field)
        {
            var ok = MatchRecordField(name) switch
            {
                Field.Id => TryStore(ref reader, out slot.IdOffset, out slot.IdLength),
                Field.CreatedAt => slot.HasCreatedAt = TryDigits(ref reader, 18, out slot.CreatedAt),
                Field.ErrorType => TryIntern(ref reader, _page!.Names.ErrorTypes, out slot.ErrorTypeId),
                Field.ObjectType => TryIntern(ref reader, _page!.Names.ObjectTypes, out slot.ObjectTypeId),
                Field.KnownColumnNumber => slot.HasKnownColumnNumber = TryInt32(ref reader, out slot.KnownColumnNumber),
                Field.InvalidValue => TryStoreValue(ref reader, ref slot, fromDisplay: false),
                Field.InvalidValueToDisplay => TryStoreValue(ref reader, ref slot, fromDisplay: true),
                Field.SourceData => TryEnter(ref reader, out var enter) && (!enter || ReadSourceData(ref reader, ref slot)),
                Field.InvalidPropertyValue => TryEnter(ref reader, out var enter) && (!enter || ReadPropertyValue(ref reader, ref slot)),
                _ when _captureRows && name.SequenceEqual("errorMessage"u8) => TryStoreMessage(ref reader, ref slot),
                _ => TrySkipValue(ref reader),
            };

            if (!ok)
            {
                return false;
            }
        }

        return step == Step.End;
    }

    private bool ReadSourceData(ref Utf8JsonReader reader, ref RecordSlot slot)
    {
        Step step;
        while ((step = NextField(ref reader, out var name)) == Step.Field)
        {
            var ok = Match(Context.SourceData, name) switch
            {
                Field.FileId => slot.HasFileId = TryDigits(ref reader, 18, out slot.FileId),
                Field.LineNumber => slot.HasLineNumber = TryInt32(ref reader, out slot.LineNumber),
                Field.ContainsEncryptedProperties => TryBoolean(ref reader, out slot.ContainsEncryptedProperties),
                _ when _captureRows && name.SequenceEqual("rowData"u8) => TryStoreRow(ref reader, ref slot),
                _ => TrySkipValue(ref reader),
            };

            if (!ok)
            {
                return false;
            }
        }

        return step == Step.End;
    }

    private bool ReadPropertyValue(ref Utf8JsonReader reader, ref RecordSlot slot)
    {
        slot.HasPropertyValue = true;
        Step step;
        while ((step = NextField(ref reader, out var name)) == Step.Field)
        {
            var ok = Match(Context.PropertyValue, name) switch
            {
                Field.Name => TryStore(ref reader, out slot.PropertyOffset, out slot.PropertyLength),
                Field.DataSensitivity => TrySensitivity(ref reader, ref slot.Sensitivity),
                Field.IsEncrypted => TryBoolean(ref reader, out slot.IsEncrypted),
                Field.MaskedSubstrings => TryMaskedSubstrings(ref reader, ref slot.MaskedSubstrings),
                _ => TrySkipValue(ref reader),
            };

            if (!ok)
            {
                return false;
            }
        }

        return step == Step.End;
    }

    private enum Step : byte
    {
        /// <summary>The reader stands on a property's value.</summary>
        Field,

        /// <summary>The reader stands on the object's end.</summary>
        End,

        /// <summary>The buffer ends, or the name is escaped or split across segments: leave the record to the state machine.</summary>
        GiveUp,
    }

    /// <summary>Moves to the next property's value, or to the end of the object.</summary>
    private static Step NextField(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!reader.Read())
        {
            return Step.GiveUp;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            return reader.TokenType == JsonTokenType.EndObject ? Step.End : Step.GiveUp;
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return Step.GiveUp;
        }

        name = reader.ValueSpan;
        return reader.Read() ? Step.Field : Step.GiveUp;
    }

    /// <summary>An unknown property's value: a scalar is already read; an object or array is skipped whole, if it is all in the buffer.</summary>
    private static bool TrySkipValue(ref Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();

    /// <summary>An object to read (<paramref name="enter"/>) or null (nothing to read), as the state machine accepts them.</summary>
    private static bool TryEnter(ref Utf8JsonReader reader, out bool enter)
    {
        enter = reader.TokenType == JsonTokenType.StartObject;
        return enter || reader.TokenType == JsonTokenType.Null;
    }

    private bool TryStoreValue(ref Utf8JsonReader reader, ref RecordSlot slot, bool fromDisplay)
    {
        if (fromDisplay && slot.ValueLength >= 0 && !slot.ValueFromDisplay)
        {
            // invalidValue wins; the state machine only checks that the display text is a string.
            return reader.TokenType == JsonTokenType.String;
        }

        var (replacedOffset, replacedLength) = (slot.ValueOffset, slot.ValueLength);
        if (!TryStore(ref reader, out slot.ValueOffset, out slot.ValueLength))
        {
            return false;
        }

        slot.ValueFromDisplay = fromDisplay;
        _page!.Wipe(replacedOffset, replacedLength);
        return true;
    }

    /// <summary>A string stored in the page's arena, as <see cref="StoreString"/> stores it; false instead of each of its errors.</summary>
    private bool TryStore(ref Utf8JsonReader reader, out int offset, out int length)
    {
        offset = 0;
        length = 0;
        return reader.TokenType == JsonTokenType.String && TryAppendString(ref reader, out offset, out length);
    }

    /// <summary>
    /// A name's id in <paramref name="table"/>, a new name added as the state machine would add it (interning has no
    /// side effect a record could need undone: the state machine, reading the record again, finds the same id). An
    /// escaped name, or one that is not valid UTF-8, is left to the state machine.
    /// </summary>
    private bool TryIntern(ref Utf8JsonReader reader, NameTable table, out int id)
    {
        id = 0;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > _maxValueBytes)
        {
            return false;
        }

        var span = reader.ValueSpan;
        id = table.Find(span);
        if (id > 0)
        {
            return true;
        }

        if (!IsValidUtf8(span))
        {
            return false;
        }

        id = table.GetOrAdd(span);
        return true;
    }

    private static bool TryDigits(ref Utf8JsonReader reader, int maxDigits, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence && TryParseDigits(reader.ValueSpan, maxDigits, out value);
    }

    private static bool TryInt32(ref Utf8JsonReader reader, out int value)
    {
        var ok = TryDigits(ref reader, 9, out var digits);
        value = (int)digits;
        return ok;
    }

    private static bool TryBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return value || reader.TokenType == JsonTokenType.False;
    }

    /// <summary>A stated level, raising <paramref name="level"/> as the state machine does; a null is left to it.</summary>
    private static bool TrySensitivity(ref Utf8JsonReader reader, ref byte level)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        level = Math.Max(level, RecordSlot.SensitivityOf(reader.ValueTextEquals("none"u8), reader.ValueTextEquals("standard"u8)));
        return true;
    }

    /// <summary>
    /// <c>maskedSubstrings</c> as the state machine judges it: null, an empty array, or an object with nothing but a
    /// null or empty <c>substrings</c> leave the value unmarked; anything else marks it (HubSpot masked part of it).
    /// </summary>
    private static bool TryMaskedSubstrings(ref Utf8JsonReader reader, ref bool masked)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return TryMaskedList(ref reader, ref masked);
        }

        Step step;
        while ((step = NextField(ref reader, out var name)) == Step.Field)
        {
            if (name.SequenceEqual("substrings"u8))
            {
                if (!TryMaskedList(ref reader, ref masked))
                {
                    return false;
                }
            }
            else
            {
                masked = true;
                if (!TrySkipValue(ref reader))
                {
                    return false;
                }
            }
        }

        return step == Step.End;
    }

    /// <summary>A list of masked ranges: null adds nothing; an array marks the value if it has an element; anything else marks it.</summary>
    private static bool TryMaskedList(ref Utf8JsonReader reader, ref bool masked)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.StartArray:
                var depth = reader.CurrentDepth;
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth)
                    {
                        return true;
                    }

                    masked = true;
                    if (!TrySkipValue(ref reader))
                    {
                        return false;
                    }
                }

                return false;
            default:
                masked = true;
                return TrySkipValue(ref reader);
        }
    }
}
