using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

internal sealed partial class JsonErrorParser
{
    private enum Field : byte
    {
        None,
        Unknown,
        Results,
        Paging,
        Next,
        After,
        Id,
        CreatedAt,
        ErrorType,
        ObjectType,
        KnownColumnNumber,
        InvalidValue,
        InvalidValueToDisplay,
        SourceData,
        InvalidPropertyValue,
        FileId,
        LineNumber,
        ContainsEncryptedProperties,
        Name,
        DataSensitivity,
        IsEncrypted,
        MaskedSubstrings,
        Substrings,

        /// <summary><c>errorMessage</c>, matched only when the parser captures rows.</summary>
        ErrorMessage,

        /// <summary><c>sourceData.rowData</c>, matched only when the parser captures rows.</summary>
        RowData,
    }

    private Field MatchProperty(ref Utf8JsonReader reader)
    {
        var context = _depth == 0 ? Context.Top : _stack[_depth - 1];
        return context is Context.Top or Context.Results ? Field.Unknown : MatchName(ref reader, context, _captureRows);
    }

    /// <summary>The property's field in <paramref name="context"/>, with escaped names unescaped first.</summary>
    private static Field MatchName(ref Utf8JsonReader reader, Context context, bool captureRows)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return MatchOrCaptured(context, reader.ValueSpan, captureRows);
        }

        var raw = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (raw > 256)
        {
            return Field.Unknown;
        }

        Span<byte> scratch = stackalloc byte[256];
        var length = reader.CopyString(scratch);
        return MatchOrCaptured(context, scratch[..length], captureRows);
    }

    private static Field MatchOrCaptured(Context context, ReadOnlySpan<byte> name, bool captureRows)
    {
        var field = Match(context, name);
        return field == Field.Unknown && captureRows ? Captured(context, name) : field;
    }

    /// <summary>The fields read only when the parser captures rows: <c>errorMessage</c> and <c>sourceData.rowData</c>.</summary>
    private static Field Captured(Context context, ReadOnlySpan<byte> name) =>
        context == Context.Record && name.SequenceEqual("errorMessage"u8) ? Field.ErrorMessage
        : context == Context.SourceData && name.SequenceEqual("rowData"u8) ? Field.RowData
        : Field.Unknown;

    private static Field Match(Context context, ReadOnlySpan<byte> name) => context switch
    {
        Context.Record => MatchRecordField(name),
        Context.SourceData => MatchSourceDataField(name),
        Context.PropertyValue => MatchPropertyValueField(name),
        Context.MaskedSubstrings => name.SequenceEqual("substrings"u8) ? Field.Substrings : Field.Unknown,
        Context.Page =>
            name.SequenceEqual("results"u8) ? Field.Results :
            name.SequenceEqual("paging"u8) ? Field.Paging : Field.Unknown,
        Context.Paging => name.SequenceEqual("next"u8) ? Field.Next : Field.Unknown,
        Context.PagingNext => name.SequenceEqual("after"u8) ? Field.After : Field.Unknown,
        _ => Field.Unknown,
    };

    /// <summary>By length first: most names of a record's objects are none of the few read, and differ in length from them.</summary>
    private static Field MatchSourceDataField(ReadOnlySpan<byte> name) => name.Length switch
    {
        6 when name.SequenceEqual("fileId"u8) => Field.FileId,
        10 when name.SequenceEqual("lineNumber"u8) => Field.LineNumber,
        27 when name.SequenceEqual("containsEncryptedProperties"u8) => Field.ContainsEncryptedProperties,
        _ => Field.Unknown,
    };

    private static Field MatchPropertyValueField(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("name"u8) => Field.Name,
        11 when name.SequenceEqual("isEncrypted"u8) => Field.IsEncrypted,
        15 when name.SequenceEqual("dataSensitivity"u8) => Field.DataSensitivity,
        16 when name.SequenceEqual("maskedSubstrings"u8) => Field.MaskedSubstrings,
        _ => Field.Unknown,
    };

    private static Field MatchRecordField(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Field.Id,
        9 when name.SequenceEqual("createdAt"u8) => Field.CreatedAt,
        9 when name.SequenceEqual("errorType"u8) => Field.ErrorType,
        10 when name.SequenceEqual("objectType"u8) => Field.ObjectType,
        10 when name.SequenceEqual("sourceData"u8) => Field.SourceData,
        12 when name.SequenceEqual("invalidValue"u8) => Field.InvalidValue,
        17 when name.SequenceEqual("knownColumnNumber"u8) => Field.KnownColumnNumber,
        20 when name.SequenceEqual("invalidPropertyValue"u8) => Field.InvalidPropertyValue,
        21 when name.SequenceEqual("invalidValueToDisplay"u8) => Field.InvalidValueToDisplay,
        _ => Field.Unknown,
    };

    private void OnField(ref Utf8JsonReader reader, Context context, Field field)
    {
        if (field == Field.Unknown || field == Field.None)
        {
            Skip(ref reader);
            return;
        }

        ref var slot = ref _page!.PendingSlot;
        switch (field)
        {
            case Field.Results:
                EnterOrNull(ref reader, Context.Results, JsonTokenType.StartArray, "results", "an array");
                break;
            case Field.Paging:
                EnterOrNull(ref reader, Context.Paging, JsonTokenType.StartObject, "paging", "an object");
                break;
            case Field.Next:
                EnterOrNull(ref reader, Context.PagingNext, JsonTokenType.StartObject, "paging.next", "an object");
                break;
            case Field.After:
                if (IsString(ref reader, "paging.next.after"))
                {
                    CheckSize(ref reader);
                    _page.NextAfter = reader.GetString();
                }

                break;
            case Field.SourceData:
                EnterOrNull(ref reader, Context.SourceData, JsonTokenType.StartObject, "sourceData", "an object");
                break;
            case Field.InvalidPropertyValue:
                EnterOrNull(ref reader, Context.PropertyValue, JsonTokenType.StartObject, "invalidPropertyValue", "an object");
                slot.HasPropertyValue |= reader.TokenType == JsonTokenType.StartObject;
                break;
            case Field.Id:
                if (IsString(ref reader, "id"))
                {
                    StoreString(ref reader, out slot.IdOffset, out slot.IdLength);
                }

                break;
            case Field.ErrorType:
                slot.ErrorTypeId = IsString(ref reader, "errorType") ? Intern(ref reader, _page!.Names.ErrorTypes) : 0;
                break;
            case Field.ObjectType:
                slot.ObjectTypeId = IsString(ref reader, "objectType") ? Intern(ref reader, _page!.Names.ObjectTypes) : 0;
                break;
            case Field.CreatedAt:
                slot.HasCreatedAt = IsNumber(ref reader, "createdAt") && GetInt64(ref reader, "createdAt", out slot.CreatedAt);
                break;
            case Field.KnownColumnNumber:
                slot.HasKnownColumnNumber = IsNumber(ref reader, "knownColumnNumber") && GetInt32(ref reader, "knownColumnNumber", out slot.KnownColumnNumber);
                break;
            case Field.InvalidValue:
                if (IsString(ref reader, "invalidValue"))
                {
                    var (replacedOffset, replacedLength) = (slot.ValueOffset, slot.ValueLength);
                    StoreString(ref reader, out slot.ValueOffset, out slot.ValueLength);
                    slot.ValueFromDisplay = false;
                    _page.Wipe(replacedOffset, replacedLength);
                }

                break;
            case Field.InvalidValueToDisplay:
                if (IsString(ref reader, "invalidValueToDisplay") && (slot.ValueLength < 0 || slot.ValueFromDisplay))
                {
                    var (replacedOffset, replacedLength) = (slot.ValueOffset, slot.ValueLength);
                    StoreString(ref reader, out slot.ValueOffset, out slot.ValueLength);
                    slot.ValueFromDisplay = true;
                    _page.Wipe(replacedOffset, replacedLength);
                }

                break;
            case Field.FileId:
                slot.HasFileId = IsNumber(ref reader, "sourceData.fileId") && GetInt64(ref reader, "sourceData.fileId", out slot.FileId);
                break;
            case Field.LineNumber:
                slot.HasLineNumber = IsNumber(ref reader, "sourceData.lineNumber") && GetInt32(ref reader, "sourceData.lineNumber", out slot.LineNumber);
                if (slot.HasLineNumber && slot.LineNumber < 0)
                {
                    ThrowNegativeLineNumber(ref reader, slot.LineNumber);
                }

                break;
            case Field.ContainsEncryptedProperties:
                slot.ContainsEncryptedProperties = GetBoolean(ref reader, "sourceData.containsEncryptedProperties");
                break;
            case Field.Name:
                if (IsString(ref reader, "invalidPropertyValue.name"))
                {
                    StoreString(ref reader, out slot.PropertyOffset, out slot.PropertyLength);
                }

                break;
            case Field.DataSensitivity:
                if (IsString(ref reader, "invalidPropertyValue.dataSensitivity"))
                {
                    slot.Sensitivity = Math.Max(slot.Sensitivity, RecordSlot.SensitivityOf(reader.ValueTextEquals("none"u8), reader.ValueTextEquals("standard"u8)));
                }

                break;
            case Field.MaskedSubstrings:
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    Push(Context.MaskedSubstrings);
                }
                else
                {
                    OnMaskedList(ref reader);
                }

                break;
            case Field.IsEncrypted:
                slot.IsEncrypted = GetBoolean(ref reader, "invalidPropertyValue.isEncrypted");
                break;
            case Field.ErrorMessage:
                // A message of another type than a string is left out (HubSpot sends a string): capturing never fails a run.
                if (reader.TokenType == JsonTokenType.String)
                {
                    var (replacedOffset, replacedLength) = (slot.MessageOffset, slot.MessageLength);
                    StoreString(ref reader, out slot.MessageOffset, out slot.MessageLength);
                    _page.Wipe(replacedOffset, replacedLength);
                }
                else
                {
                    Skip(ref reader);
                }

                break;
            case Field.RowData:
                // Anything but an array (null, another type) is no row: left out, as an absent one.
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    _page.Wipe(slot.RowOffset, slot.RowLength);
                    slot.RowOffset = _page.ArenaLength;
                    slot.RowLength = 0;
                    slot.RowCells = 0;
                    Push(Context.RowData);
                }
                else
                {
                    Skip(ref reader);
                }

                break;
            default:
                Skip(ref reader);
                break;
        }
    }

    /// <summary>
    /// A list of masked ranges (<c>maskedSubstrings</c> itself, or its <c>substrings</c>): null adds nothing, an array is
    /// read (any element marks the value), and a value of any other type marks it too: it is not the empty list.
    /// </summary>
    private void OnMaskedList(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                break;
            case JsonTokenType.StartArray:
                Push(Context.MaskedList);
                break;
            default:
                _page!.PendingSlot.MaskedSubstrings = true;
                Skip(ref reader);
                break;
        }
    }

    private void EnterOrNull(ref Utf8JsonReader reader, Context context, JsonTokenType start, string path, string expected)
    {
        if (reader.TokenType == start)
        {
            Push(context);
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            ThrowWrongType(ref reader, path, expected);
        }
    }

    private bool IsString(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.String => true,
        JsonTokenType.Null => false,
        _ => ThrowWrongType<bool>(ref reader, path, "a string"),
    };

    private bool IsNumber(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.Number => true,
        JsonTokenType.Null => false,
        _ => ThrowWrongType<bool>(ref reader, path, "a number"),
    };

    private bool GetBoolean(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        _ => ThrowWrongType<bool>(ref reader, path, "true or false"),
    };

    private bool GetInt64(ref Utf8JsonReader reader, string path, out long value)
    {
        if (!reader.HasValueSequence && TryParseDigits(reader.ValueSpan, 18, out value))
        {
            return true;
        }

        return reader.TryGetInt64(out value) || ThrowWrongType<bool>(ref reader, path, "a 64-bit integer");
    }

    private bool GetInt32(ref Utf8JsonReader reader, string path, out int value)
    {
        if (!reader.HasValueSequence && TryParseDigits(reader.ValueSpan, 9, out var digits))
        {
            value = (int)digits;
            return true;
        }

        return reader.TryGetInt32(out value) || ThrowWrongType<bool>(ref reader, path, "a 32-bit integer");
    }

    /// <summary>
    /// The common case of a number token, without the general parser: only digits (the reader has validated the token,
    /// so there is no leading zero), at most <paramref name="maxDigits"/> of them, so the value cannot overflow.
    /// Anything else (a sign, a fraction, an exponent, more digits) returns false and goes through the reader.
    /// </summary>
    private static bool TryParseDigits(ReadOnlySpan<byte> token, int maxDigits, out long value)
    {
        value = 0;
        if ((uint)(token.Length - 1) >= (uint)maxDigits)
        {
            return false;
        }

        foreach (var b in token)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
