namespace ImportErrorAnalytics.Parsing;

/// <summary>Limits the parser enforces on untrusted input.</summary>
public sealed class ParserLimits
{
    /// <summary>The default of <see cref="MaxPageBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxPageBytes = 256L * 1024 * 1024;

    internal const int DefaultMaxRecordsPerPart = 4096;

    /// <summary>The largest single JSON value (string or token) accepted, in bytes.</summary>
    /// <value>Defaults to 16 MiB: HubSpot's largest values (COLUMN_TOO_LARGE) are megabytes.</value>
    public int MaxValueBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The most bytes one response page may span (from the end of the page before it, so whitespace between pages
    /// counts), in a file, standard input or an HTTP body after decompression; for NDJSON, the longest line. A longer
    /// page is malformed data (<see cref="ImportErrorFormatException"/> at the first byte past the limit).
    /// </summary>
    /// <value>
    /// Defaults to 256 MiB (<see cref="DefaultMaxPageBytes"/>): sixteen values of the largest size
    /// <see cref="MaxValueBytes"/> allows, and over two hundred times a page of 1,000 errors with their row data
    /// (about 1 MB). The parser's memory does not grow with it: a page is read as it arrives, in parts.
    /// </value>
    public long MaxPageBytes { get; set; } = DefaultMaxPageBytes;

    /// <summary>How many NDJSON lines form one committed block.</summary>
    /// <value>Defaults to 1,024.</value>
    public int NdjsonBlockSize { get; set; } = 1024;

    /// <summary>The most records one <see cref="ImportErrorPage"/> holds; a larger page is handed out in parts (tests make it small).</summary>
    internal int MaxRecordsPerPart { get; set; } = DefaultMaxRecordsPerPart;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxValueBytes, 64, nameof(MaxValueBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPageBytes, 64, nameof(MaxPageBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(NdjsonBlockSize, 1, nameof(NdjsonBlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordsPerPart, 1, nameof(MaxRecordsPerPart));
    }
}
