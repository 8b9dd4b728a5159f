using System.Buffers;
using System.Text.Json;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// The capture of <c>sourceData.rowData</c> and <c>errorMessage</c>, read only when the parser captures rows (for the
/// failed rows): the state machine's cell (<see cref="OnCell"/>) and the reader fast path's stores, which take exactly
/// what the state machine would store or leave the record to it. The record scan never stores them: with capture on, it
/// leaves a record holding either to the token paths.
/// </summary>
internal sealed partial class JsonErrorParser
{
    /// <summary>
    /// One element of a captured <c>rowData</c>, a cell: a string's text (unescaped, within the value limit, valid UTF-8),
    /// a number's or <c>true</c>/<c>false</c>'s JSON text, nothing for null, and nothing for an object or an array
    /// (which is skipped whole): HubSpot sends strings, and any element keeps the cells after it in their places.
    /// </summary>
    private void OnCell(ref Utf8JsonReader reader)
    {
        var page = _page!;
        var header = page.BeginCell();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                StoreString(ref reader, out _, out _);
                break;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                CheckSize(ref reader);
                if (reader.HasValueSequence)
                {
                    var sequence = reader.ValueSequence;
                    sequence.CopyTo(page.Reserve((int)sequence.Length, out _));
                    page.Advance((int)sequence.Length);
                }
                else
                {
                    page.Append(reader.ValueSpan);
                }

                break;
            default:
                Skip(ref reader);
                break;
        }

        page.EndCell(header);
        page.PendingSlot.RowCells++;
    }

    /// <summary>A captured <c>errorMessage</c> string, as the state machine stores it; anything else is left to it.</summary>
    private bool TryStoreMessage(ref Utf8JsonReader reader, ref RecordSlot slot)
    {
        var (replacedOffset, replacedLength) = (slot.MessageOffset, slot.MessageLength);
        if (!TryStore(ref reader, out slot.MessageOffset, out slot.MessageLength))
        {
            return false;
        }

        _page!.Wipe(replacedOffset, replacedLength);
        return true;
    }

    /// <summary>
    /// A captured <c>rowData</c> array whose cells are all strings, null, numbers or booleans, as the state machine
    /// stores them (<see cref="OnCell"/>); anything else (not an array, a nested value, a value over the limit or split
    /// across segments, invalid UTF-8) is left to the state machine.
    /// </summary>
    private bool TryStoreRow(ref Utf8JsonReader reader, ref RecordSlot slot)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var page = _page!;
        page.Wipe(slot.RowOffset, slot.RowLength);
        slot.RowOffset = page.ArenaLength;
        slot.RowCells = 0;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.EndArray)
            {
                slot.RowLength = page.ArenaLength - slot.RowOffset;
                return true;
            }

            var header = page.BeginCell();
            switch (token)
            {
                case JsonTokenType.String:
                    if (!TryAppendString(ref reader, out _, out _))
                    {
                        return false;
                    }

                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    if (reader.HasValueSequence || reader.ValueSpan.Length > _maxValueBytes)
                    {
                        return false;
                    }

                    page.Append(reader.ValueSpan);
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    return false;
            }

            page.EndCell(header);
            slot.RowCells++;
        }

        return false;
    }
}
