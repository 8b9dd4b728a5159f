using System.Text;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>
/// One error of a failing line as the failed rows keep it, sensitive text already gone: a cell the parser redacted is
/// <see langword="null"/>, a sensitive error's message is <see cref="ImportErrorRecord.RedactedValue"/>, and with a
/// mask key every other non-empty cell and message is its mask.
/// </summary>
internal sealed record FailedError(
    long? FileId,
    int Line,
    string Id,
    string? ErrorType,
    int? Column,
    string? Property,
    string? Message,
    bool Sensitive,
    bool RedactsRow,
    string?[]? Cells)
{
    internal const string Redacted = "[REDACTED]";

    /// <summary>The record as kept; <see langword="null"/> for a file-wide error (line 0 or absent).</summary>
    public static FailedError? From(in ImportErrorRecord record, ValueMaskKey? mask)
    {
        if (record.LineNumber is not ({ } line and >= 1))
        {
            return null;
        }

        string?[]? cells = null;
        if (record.HasRowData)
        {
            cells = new string?[record.RowCellCount];
            var row = record.RowData;
            for (var i = 0; row.Next(out var text, out var redacted); i++)
            {
                cells[i] = redacted ? null : Text(text, mask);
            }
        }

        var sensitive = record.IsSensitive;
        return new FailedError(
            record.FileId,
            line,
            Encoding.UTF8.GetString(record.Id),
            record.ErrorType,
            record.KnownColumnNumber,
            record.HasPropertyName ? Encoding.UTF8.GetString(record.PropertyName) : null,
            !record.HasErrorMessage ? null : sensitive ? Redacted : Text(record.ErrorMessage, mask),
            sensitive,
            sensitive && (record.KnownColumnNumber is not >= 0 || record.ContainsEncryptedProperties),
            cells);
    }

    /// <summary>The cell index this error's sensitivity redacts in its line: none (-1) unless sensitive; all (<see cref="RedactsRow"/>) is apart.</summary>
    public int RedactedCell => Sensitive && !RedactsRow ? Column!.Value : -1;

    /// <summary>About the bytes this error holds on the heap (the memory budget's measure).</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 96 + Size(Id) + Size(ErrorType) + Size(Property) + Size(Message);
            if (Cells is not null)
            {
                bytes += 32 + (8L * Cells.Length);
                foreach (var cell in Cells)
                {
                    bytes += Size(cell);
                }
            }

            return bytes;
        }
    }

    private static long Size(string? text) => text is null ? 0 : 24 + (2L * text.Length);

    /// <summary>Text of the record: its mask when masking (empty text stays empty: it tells nothing).</summary>
    private static string Text(ReadOnlySpan<byte> utf8, ValueMaskKey? mask) =>
        utf8.IsEmpty ? "" : mask is null ? Encoding.UTF8.GetString(utf8) : mask.Mask(utf8);

    /// <summary>The order of the failed rows: file (absent first), line, then within a line errorType, column, property, message, id (ordinal).</summary>
    public static int Compare(FailedError? a, FailedError? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var order = CompareLine(a, b);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(a.ErrorType, b.ErrorType);
        if (order != 0)
        {
            return order;
        }

        order = Nullable.Compare(a.Column, b.Column);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(a.Property, b.Property);
        if (order != 0)
        {
            return order;
        }

        order = string.CompareOrdinal(a.Message, b.Message);
        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>The order of lines: file (absent first), then line.</summary>
    public static int CompareLine(FailedError a, FailedError b)
    {
        var order = Nullable.Compare(a.FileId, b.FileId);
        return order != 0 ? order : a.Line.CompareTo(b.Line);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(FileId.HasValue);
        writer.Write(FileId ?? 0);
        writer.Write(Line);
        writer.Write(Id);
        WriteOptional(writer, ErrorType);
        writer.Write(Column.HasValue);
        writer.Write(Column ?? 0);
        WriteOptional(writer, Property);
        WriteOptional(writer, Message);
        writer.Write(Sensitive);
        writer.Write(RedactsRow);
        writer.Write(Cells is null ? -1 : Cells.Length);
        foreach (var cell in Cells ?? [])
        {
            WriteOptional(writer, cell);
        }
    }

    public static FailedError Read(BinaryReader reader)
    {
        var hasFile = reader.ReadBoolean();
        var file = reader.ReadInt64();
        var line = reader.ReadInt32();
        var id = reader.ReadString();
        var errorType = ReadOptional(reader);
        var hasColumn = reader.ReadBoolean();
        var column = reader.ReadInt32();
        var property = ReadOptional(reader);
        var message = ReadOptional(reader);
        var sensitive = reader.ReadBoolean();
        var redactsRow = reader.ReadBoolean();
        var count = reader.ReadInt32();
        string?[]? cells = count < 0 ? null : new string?[count];
        for (var i = 0; i < count; i++)
        {
            cells![i] = ReadOptional(reader);
        }

        return new FailedError(hasFile ? file : null, line, id, errorType, hasColumn ? column : null, property, message, sensitive, redactsRow, cells);
    }

    private static void WriteOptional(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
