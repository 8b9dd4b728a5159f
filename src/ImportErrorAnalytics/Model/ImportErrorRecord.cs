namespace ImportErrorAnalytics.Model;

/// <summary>
/// A view of one HubSpot import error inside a parsed page. It holds no copies: text fields are spans over the
/// page's buffer, names are interned strings. Valid only while the page it came from is being processed.
/// </summary>
public readonly ref struct ImportErrorRecord
{
    private static readonly byte[] RedactedBytes = "[REDACTED]"u8.ToArray();

    private readonly ref readonly RecordSlot _slot;
    private readonly ReadOnlySpan<byte> _arena;

    internal ImportErrorRecord(ref readonly RecordSlot slot, ReadOnlySpan<byte> arena, RunNames names, RecordPosition position)
    {
        _slot = ref slot;
        _arena = arena;
        Names = names;
        Position = position;
    }

    /// <summary>The literal every sensitive value is replaced with.</summary>
    public static ReadOnlySpan<byte> RedactedValue => RedactedBytes;

    /// <summary>
    /// The <c>errorType</c> (interned by the run; also values HubSpot added after 2026-03), or <see langword="null"/> when
    /// absent. Once a run has met as many undocumented error types as its limit on distinct keys
    /// (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>), every further new one reads <c>(other unknown)</c>.
    /// </summary>
    public string? ErrorType => Names.ErrorTypes[_slot.ErrorTypeId];

    /// <summary>
    /// The <c>objectType</c> (interned by the run), or <see langword="null"/> when absent; <c>(other unknown)</c> past the
    /// run's limit of undocumented object types, as for <see cref="ErrorType"/>.
    /// </summary>
    public string? ObjectType => Names.ObjectTypes[_slot.ObjectTypeId];

    /// <summary>The zero-based <c>knownColumnNumber</c>, or <see langword="null"/> when absent.</summary>
    public int? KnownColumnNumber => _slot.HasKnownColumnNumber ? _slot.KnownColumnNumber : null;

    /// <summary>Whether <c>invalidPropertyValue.name</c> was present and not null.</summary>
    public bool HasPropertyName => _slot.PropertyLength >= 0;

    /// <summary>The UTF-8 bytes of <c>invalidPropertyValue.name</c> (empty when absent).</summary>
    public ReadOnlySpan<byte> PropertyName => Slice(_slot.PropertyOffset, _slot.PropertyLength);

    /// <summary>Whether the record carries an invalid value (<c>invalidValue</c> or <c>invalidValueToDisplay</c>).</summary>
    public bool HasInvalidValue => _slot.ValueLength >= 0;

    /// <summary>
    /// The UTF-8 bytes of <c>invalidValue</c>, else <c>invalidValueToDisplay</c>; empty when neither is present.
    /// For a sensitive record this is always <see cref="RedactedValue"/>: the real text is never exposed.
    /// </summary>
    public ReadOnlySpan<byte> InvalidValue =>
        !HasInvalidValue ? default : IsSensitive ? RedactedBytes : _arena.Slice(_slot.ValueOffset, _slot.ValueLength);

    /// <summary>
    /// Whether the value is sensitive, and so never shown: <c>invalidPropertyValue.dataSensitivity</c> is anything but
    /// <c>none</c> (<c>standard</c>, <c>high</c>, a level HubSpot may add, or no level at all in a present
    /// <c>invalidPropertyValue</c>; <c>standard</c> only unless <see cref="Pipeline.AnalyzerOptions.ShowStandardSensitivity"/>),
    /// <c>invalidPropertyValue.maskedSubstrings</c> is not empty (HubSpot masked part of it),
    /// <c>invalidPropertyValue.isEncrypted</c> is true, or <c>sourceData.containsEncryptedProperties</c> is true.
    /// </summary>
    public bool IsSensitive => _slot.IsSensitive;

    /// <summary><c>sourceData.fileId</c>, or <see langword="null"/> when absent.</summary>
    public long? FileId => _slot.HasFileId ? _slot.FileId : null;

    /// <summary><c>sourceData.lineNumber</c> (1-based; 0 is a file-wide error), or <see langword="null"/> when absent.</summary>
    public int? LineNumber => _slot.HasLineNumber ? _slot.LineNumber : null;

    /// <summary><c>createdAt</c> in epoch milliseconds, or <see langword="null"/> when absent.</summary>
    public long? CreatedAt => _slot.HasCreatedAt ? _slot.CreatedAt : null;

    /// <summary>The UTF-8 bytes of the error's <c>id</c> (empty when absent).</summary>
    public ReadOnlySpan<byte> Id => Slice(_slot.IdOffset, _slot.IdLength);

    /// <summary>Whether <c>sourceData.rowData</c> was captured (the run asked for the failed rows, and the record has an array).</summary>
    internal bool HasRowData => _slot.RowLength >= 0;

    /// <summary>The captured cells (<see cref="RowCells"/>), a sensitive record's already redacted; empty when none.</summary>
    internal RowCells RowData => new(_slot.RowLength < 0 ? default : _arena.Slice(_slot.RowOffset, _slot.RowLength));

    /// <summary>How many cells <see cref="RowData"/> holds.</summary>
    internal int RowCellCount => _slot.RowLength < 0 ? 0 : _slot.RowCells;

    /// <summary>Whether <c>errorMessage</c> was captured.</summary>
    internal bool HasErrorMessage => _slot.MessageLength >= 0;

    /// <summary>The captured <c>errorMessage</c>; <see cref="RedactedValue"/> for a sensitive record (it may quote the value).</summary>
    internal ReadOnlySpan<byte> ErrorMessage =>
        !HasErrorMessage ? default : IsSensitive ? RedactedBytes : _arena.Slice(_slot.MessageOffset, _slot.MessageLength);

    /// <summary><c>sourceData.containsEncryptedProperties</c>.</summary>
    internal bool ContainsEncryptedProperties => _slot.ContainsEncryptedProperties;

    internal int ErrorTypeId => _slot.ErrorTypeId;

    internal int ObjectTypeId => _slot.ObjectTypeId;

    /// <summary>The tables <see cref="ErrorTypeId"/> and <see cref="ObjectTypeId"/> number names in.</summary>
    internal RunNames Names { get; }

    internal RecordPosition Position { get; }

    /// <summary>The parsed fields as stored (for tests comparing the parser's two paths).</summary>
    internal ref readonly RecordSlot Slot => ref _slot;

    private ReadOnlySpan<byte> Slice(int offset, int length) => length < 0 ? default : _arena.Slice(offset, length);
}
