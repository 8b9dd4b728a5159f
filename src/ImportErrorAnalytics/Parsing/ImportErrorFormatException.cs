using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Parsing;

/// <summary>
/// Input that is not a valid page of HubSpot import errors: malformed or truncated JSON, a value of the wrong type,
/// a body that is not JSON, or a value larger than the configured maximum. The message names the source, page,
/// byte offset and record.
/// </summary>
public sealed class ImportErrorFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportErrorFormatException()
        : this("The import-error data is malformed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ImportErrorFormatException(string message)
        : base(message)
    {
        SourceName = "";
        Reason = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ImportErrorFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "";
        Reason = message;
    }

    internal ImportErrorFormatException(string sourceName, string unit, int pageNumber, long byteOffset, int recordNumber, string reason, Exception? inner = null)
        : base(Describe(sourceName, unit, pageNumber, byteOffset, recordNumber, reason), inner)
    {
        SourceName = sourceName;
        Unit = unit;
        PageNumber = pageNumber;
        ByteOffset = byteOffset;
        RecordNumber = recordNumber;
        Reason = reason;
    }

    /// <summary>The input the bad data came from (file path, <c>stdin</c>, or a URL without secrets).</summary>
    public string SourceName { get; }

    /// <summary>What <see cref="PageNumber"/> counts: <c>page</c>, or <c>line</c> for NDJSON.</summary>
    internal string Unit { get; } = "page";

    /// <summary>The 1-based page within the source (for NDJSON: the 1-based line).</summary>
    public int PageNumber { get; }

    /// <summary>The byte offset in the source where the problem was found.</summary>
    public long ByteOffset { get; }

    /// <summary>The 1-based record within the page, or 0 when the problem is outside any record.</summary>
    public int RecordNumber { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>
    /// True when the data broke a configured limit (<see cref="ParserLimits"/>) rather than the format: reading the
    /// same data again gives the same failure, so a HubSpot page that breaks one is not requested again.
    /// </summary>
    public bool ExceedsLimit { get; internal init; }

    /// <summary>
    /// What the run had counted from complete pages before the failure, when the exception comes out of an analyzer run.
    /// Nothing from the failing page is in it.
    /// </summary>
    public Reporting.ImportErrorReport? PartialReport { get; internal set; }

    /// <summary>This failure as a keep-going run lists it in its report.</summary>
    /// <param name="action">What was skipped.</param>
    internal Reporting.SkippedInput ToSkippedInput(string action) => new()
    {
        Source = SourceName,
        Unit = Unit,
        Page = PageNumber,
        ByteOffset = ByteOffset,
        Record = RecordNumber,
        Reason = Reason,
        Action = action,
    };

    private static string Describe(string source, string unit, int page, long offset, int record, string reason)
    {
        var where = record > 0 ? $", record {record}" : "";
        return $"Malformed import-error data in {UntrustedText.Quote(source)}, {unit} {page}{where}, at byte {offset}: {UntrustedText.OneLine(reason)}";
    }
}
