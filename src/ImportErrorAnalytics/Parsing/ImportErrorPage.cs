using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// One completely parsed page of import errors (a response page, or a block of NDJSON lines).
/// Pages are pooled: a page handed out by <see cref="ImportErrorPageReader"/> is valid until the next page is requested.
/// </summary>
public sealed class ImportErrorPage
{
    private RecordSlot[] _slots = new RecordSlot[64];
    private byte[] _arena = new byte[16 * 1024];

    internal ImportErrorPage()
    {
    }

    /// <summary>The name of the input the page came from (a file path, <c>stdin</c>, a URL without secrets).</summary>
    public string SourceName { get; internal set; } = "";

    /// <summary>The 1-based page number within its source.</summary>
    public int PageNumber => PageIndex + 1;

    /// <summary>Number of error records on the page.</summary>
    public int Count { get; private set; }

    /// <summary>The page's <c>paging.next.after</c> cursor, or <see langword="null"/> on the last page.</summary>
    public string? NextAfter { get; internal set; }

    /// <summary>Whether the page is a JSON response page (false for a block of NDJSON lines).</summary>
    public bool IsResponsePage { get; internal set; }

    /// <summary>Bytes of input the page spanned.</summary>
    public long ByteLength { get; internal set; }

    /// <summary>The record at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based, less than <see cref="Count"/>.</param>
    public ImportErrorRecord this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return new ImportErrorRecord(ref _slots[index], _arena, new RecordPosition(SourceOrdinal, PageIndex, index));
        }
    }

    internal int SourceOrdinal { get; set; }

    internal int PageIndex { get; set; }

    internal int ArenaLength { get; private set; }

    internal ReadOnlySpan<RecordSlot> Slots => _slots.AsSpan(0, Count);

    internal ReadOnlySpan<byte> Arena => _arena.AsSpan(0, ArenaLength);

    internal ImportErrorRecord GetRecordUnchecked(int index) =>
        new(ref _slots[index], _arena, new RecordPosition(SourceOrdinal, PageIndex, index));

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
        ref var slot = ref _slots[Count];
        slot.Sensitive = slot.IsSensitiveWhen(ShowStandardSensitivity);
        if (slot.Sensitive)
        {
            Wipe(slot.ValueOffset, slot.ValueLength);
        }

        Count++;
    }

    /// <summary>
    /// Clears a value the record no longer refers to (an <c>invalidValueToDisplay</c> replaced by <c>invalidValue</c>,
    /// a key given twice), so that a sensitive record leaves no copy of its value in the arena; nothing for an absent one.
    /// </summary>
    internal void Wipe(int offset, int length)
    {
        if (length > 0)
        {
            _arena.AsSpan(offset, length).Clear();
        }
    }

    /// <summary>Reserves <paramref name="length"/> bytes at the end of the arena and returns them for writing.</summary>
    internal Span<byte> Reserve(int length, out int offset)
    {
        var needed = (long)ArenaLength + length;
        if (needed > _arena.Length)
        {
            var size = Math.Max(needed, (long)_arena.Length * 2);
            Array.Resize(ref _arena, (int)Math.Min(size, Array.MaxLength));
        }

        offset = ArenaLength;
        return _arena.AsSpan(ArenaLength, length);
    }

    internal void Advance(int written) => ArenaLength += written;

    /// <summary>Forgets what was stored past <paramref name="length"/> (a record the fast path gave up on).</summary>
    internal void TruncateArena(int length) => ArenaLength = length;

    internal int Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length, out var offset));
        Advance(bytes.Length);
        return offset;
    }
}
