namespace ImportErrorAnalytics.Parsing;

/// <summary>Limits the parser enforces on untrusted input.</summary>
public sealed class ParserLimits
{
    /// <summary>The largest single JSON value (string or token) accepted, in bytes.</summary>
    /// <value>Defaults to 16 MiB: HubSpot's largest values (COLUMN_TOO_LARGE) are megabytes.</value>
    public int MaxValueBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How many NDJSON lines form one committed block.</summary>
    /// <value>Defaults to 1,024.</value>
    public int NdjsonBlockSize { get; set; } = 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxValueBytes, 64, nameof(MaxValueBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(NdjsonBlockSize, 1, nameof(NdjsonBlockSize));
    }
}
