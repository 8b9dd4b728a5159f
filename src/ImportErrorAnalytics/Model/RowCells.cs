using System.Buffers.Binary;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// The cells of a captured <c>sourceData.rowData</c> as the page's arena holds them (<see cref="RecordSlot.RowOffset"/>):
/// per cell a 4-byte little-endian length, then the cell's UTF-8 text. A redacted cell (its record is sensitive, see
/// <see cref="RecordSlot.IsSensitiveWhen"/>) keeps its length as the complement, a negative number, over zeroed bytes.
/// </summary>
internal ref struct RowCells
{
    /// <summary>Bytes of a cell's length prefix.</summary>
    public const int HeaderBytes = 4;

    private ReadOnlySpan<byte> _rest;

    public RowCells(ReadOnlySpan<byte> encoded) => _rest = encoded;

    /// <summary>The next cell: false when there is none.</summary>
    /// <param name="text">The cell's UTF-8 text (empty for a redacted cell).</param>
    /// <param name="redacted">Whether the cell was redacted by the parser: its text must never be shown.</param>
    public bool Next(out ReadOnlySpan<byte> text, out bool redacted)
    {
        if (_rest.Length < HeaderBytes)
        {
            text = default;
            redacted = false;
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_rest);
        redacted = length < 0;
        var size = redacted ? ~length : length;
        text = redacted ? default : _rest.Slice(HeaderBytes, size);
        _rest = _rest[(HeaderBytes + size)..];
        return true;
    }

    /// <summary>
    /// Redacts, in place, the cell at <paramref name="index"/>, or every cell when <paramref name="index"/> is negative:
    /// their bytes are zeroed and their lengths complemented.
    /// </summary>
    public static void Redact(Span<byte> encoded, int index)
    {
        var at = 0;
        for (var i = 0; at + HeaderBytes <= encoded.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(encoded[at..]);
            var size = length < 0 ? ~length : length;
            if ((index < 0 || i == index) && length >= 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(encoded[at..], ~length);
                encoded.Slice(at + HeaderBytes, size).Clear();
            }

            at += HeaderBytes + size;
        }
    }
}
