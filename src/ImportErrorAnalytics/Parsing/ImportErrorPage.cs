using System.Diagnostics;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// A completely parsed page of import errors (a response page, or a block of NDJSON lines), or one part of a response
/// page that holds more records than one part takes (<see cref="IsLastPart"/>). Pages are pooled: a page handed out by
/// <see cref="ImportErrorPageReader"/> is valid until the next page is requested. Internal: a page kept past
/// that would silently show another page's records, so users read records through an aggregator.
/// </summary>
internal sealed class ImportErrorPage
{
    private RecordSlot[] _slots = new RecordSlot[64];
    private byte[] _arena = new byte[16 * 1024];

    internal ImportErrorPage(RunNames names) => Names = names;

    /// <summary>The name tables of the run the page belongs to: its records' name ids are theirs.</summary>
    internal RunNames Names { get; }

    /// <summary>The name of the input the page came from (a file path, <c>stdin</c>, a URL without secrets).</summary>
    public string SourceName { get; internal set; } = "";

    /// <summary>The 1-based page number within its source.</summary>
    public int PageNumber => PageIndex + 1;

    /// <summary>Number of error records on the page (in this part of it).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// False when more parts of the same page follow: a response page of more than 4,096 records is handed out in
    /// consecutive parts of at most 4,096 records (records cost memory; bytes are read as they come) with the same
    /// <see cref="PageNumber"/>, only the last of which has this true. A whole page is its own last part.
    /// </summary>
    public bool IsLastPart { get; internal set; } = true;

    /// <summary>The index within its page of this part's first record (0 for a whole page and for a first part).</summary>
    public int FirstRecordIndex { get; internal set; }

    /// <summary>
    /// The page's <c>paging.next.after</c> cursor, or <see langword="null"/> when it has none (the last page). On a page
    /// handed out in parts, read it from the last part: the cursor may follow the records.
    /// </summary>
    public string? NextAfter { get; internal set; }

    /// <summary>Whether the page is a JSON response page (false for a block of NDJSON lines).</summary>
    public bool IsResponsePage { get; internal set; }

    /// <summary>Bytes of input the page spanned (for a part: from where the part before it ended).</summary>
    public long ByteLength { get; internal set; }

    /// <summary>The record at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based, less than <see cref="Count"/> (within this part).</param>
    public ImportErrorRecord this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return GetRecordUnchecked(index);
        }
    }

    internal int SourceOrdinal { get; set; }

    internal int PageIndex { get; set; }

    internal int ArenaLength { get; private set; }

    internal ReadOnlySpan<RecordSlot> Slots => _slots.AsSpan(0, Count);

    internal ReadOnlySpan<byte> Arena => _arena.AsSpan(0, ArenaLength);

    internal ImportErrorRecord GetRecordUnchecked(int index)
    {
        Debug.Assert((uint)index < (uint)Count, "A committed record of this page.");
        return new(ref _slots[index], _arena, Names, new RecordPosition(SourceOrdinal, PageIndex, FirstRecordIndex + index));
    }

    internal void Reset(string sourceName, int sourceOrdinal, int pageIndex, bool isResponsePage)
    {
        SourceName = sourceName;
        SourceOrdinal = sourceOrdinal;
        PageIndex = pageIndex;
        IsResponsePage = isResponsePage;
        Count = 0;
        ArenaLength = 0;
        NextAfter = null;
        ByteLength = 0;
        IsLastPart = true;
        FirstRecordIndex = 0;
        if (_arena.Length > MaxRetainedArena)
        {
            _arena = new byte[16 * 1024];
        }
    }

    internal const int MaxRetainedArena = 4 * 1024 * 1024;

    /// <summary>The slot being filled; becomes part of the page only on <see cref="CommitRecord"/>.</summary>
    internal ref RecordSlot PendingSlot
    {
        get
        {
            if (Count == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            return ref _slots[Count];
        }
    }

    /// <summary>Values HubSpot classes as <c>standard</c> sensitivity are shown (<see cref="Pipeline.AnalyzerOptions.ShowStandardSensitivity"/>).</summary>
    internal bool ShowStandardSensitivity { get; set; }

    internal void CommitRecord()
    {
        Debug.Assert(Count < _slots.Length, "The pending slot was taken through PendingSlot.");
        ref var slot = ref _slots[Count];
        Debug.Assert(InArena(slot.IdOffset, slot.IdLength) && InArena(slot.PropertyOffset, slot.PropertyLength) && InArena(slot.ValueOffset, slot.ValueLength) && InArena(slot.RowOffset, slot.RowLength) && InArena(slot.MessageOffset, slot.MessageLength), "A record's text lies in the arena.");
        slot.Sensitive = slot.IsSensitiveWhen(ShowStandardSensitivity);
        if (slot.Sensitive)
        {
            Wipe(slot.ValueOffset, slot.ValueLength);
            if (slot.RowLength > 0 || slot.MessageLength > 0)
            {
                WipeCaptured(ref slot);
            }
        }

        Count++;
    }

    /// <summary>
    /// A sensitive record's captured text: its message is wiped, and so is its value's cell of the row, or every cell
    /// when the value cannot be placed in one (no <c>knownColumnNumber</c>, or <c>containsEncryptedProperties</c>).
    /// </summary>
    private void WipeCaptured(ref RecordSlot slot)
    {
        Wipe(slot.MessageOffset, slot.MessageLength);
        if (slot.RowLength > 0)
        {
            // A negative column (not HubSpot's) places the value nowhere: every cell, as without one.
            var cell = slot.HasKnownColumnNumber && !slot.ContainsEncryptedProperties ? slot.KnownColumnNumber : -1;
            RowCells.Redact(_arena.AsSpan(slot.RowOffset, slot.RowLength), cell);
        }
    }

    /// <summary>Starts a captured cell: reserves its length prefix, returned for <see cref="EndCell"/>.</summary>
    internal int BeginCell()
    {
        Reserve(RowCells.HeaderBytes, out var header);
        Advance(RowCells.HeaderBytes);
        return header;
    }

    /// <summary>Ends the cell begun at <paramref name="header"/>: its text is what was appended since.</summary>
    internal void EndCell(int header) =>
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_arena.AsSpan(header), ArenaLength - header - RowCells.HeaderBytes);

    /// <summary>
    /// Clears a value the record no longer refers to (an <c>invalidValueToDisplay</c> replaced by <c>invalidValue</c>,
    /// a key given twice), so that a sensitive record leaves no copy of its value in the arena; nothing for an absent one.
    /// </summary>
    internal void Wipe(int offset, int length)
    {
        Debug.Assert(InArena(offset, length), "Only text of the arena is wiped.");
        if (length > 0)
        {
            _arena.AsSpan(offset, length).Clear();
        }
    }

    /// <summary>Reserves <paramref name="length"/> bytes at the end of the arena and returns them for writing.</summary>
    internal Span<byte> Reserve(int length, out int offset)
    {
        Debug.Assert(length >= 0, "A length.");
        var needed = (long)ArenaLength + length;
        if (needed > _arena.Length)
        {
            var size = Math.Max(needed, (long)_arena.Length * 2);
            Array.Resize(ref _arena, (int)Math.Min(size, Array.MaxLength));
        }

        offset = ArenaLength;
        return _arena.AsSpan(ArenaLength, length);
    }

    internal void Advance(int written)
    {
        Debug.Assert(written >= 0 && ArenaLength + written <= _arena.Length, "Written into the reserved span.");
        ArenaLength += written;
    }

    /// <summary>A text range of a slot: absent (a negative length), or inside the arena's used part.</summary>
    private bool InArena(int offset, int length) => length < 0 || (offset >= 0 && (long)offset + length <= ArenaLength);

    /// <summary>
    /// Forgets the records from <paramref name="count"/> on and the arena past <paramref name="arenaLength"/> (a line
    /// that failed after its record closed), wiping those bytes: a sensitive value there was never committed.
    /// </summary>
    internal void RollBack(int count, int arenaLength)
    {
        Debug.Assert(count >= 0 && count <= Count && arenaLength >= 0 && arenaLength <= ArenaLength, "Rolled back to an earlier state of this page.");
        _arena.AsSpan(arenaLength, ArenaLength - arenaLength).Clear();
        Count = count;
        ArenaLength = arenaLength;
    }

    /// <summary>Forgets what was stored past <paramref name="length"/> (a record the fast path gave up on).</summary>
    internal void TruncateArena(int length) => ArenaLength = length;

    internal int Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length, out var offset));
        Advance(bytes.Length);
        return offset;
    }
}
