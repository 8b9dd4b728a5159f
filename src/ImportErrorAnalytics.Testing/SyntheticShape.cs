namespace ImportErrorAnalytics.Testing;

/// <summary>Which fields a synthetic error record carries.</summary>
public enum SyntheticShape
{
    /// <summary>
    /// What HubSpot's 2026-03 API writes: every field its schema requires (the record's <c>id</c>, <c>createdAt</c>,
    /// <c>errorType</c>, <c>sourceData</c> with its 5 required fields, <c>invalidPropertyValue</c> with its 20) and the
    /// optional fields a real error carries (<c>objectType</c>, <c>objectTypeId</c>, <c>knownColumnNumber</c>,
    /// <c>invalidValue</c>, <c>invalidValueToDisplay</c>), with realistic values: about 1 KB a record.
    /// </summary>
    Full,

    /// <summary>
    /// The fields the analysis reads and a few more (about half a KB a record): no request id, source metadata,
    /// timestamps or user of <c>invalidPropertyValue</c>, no <c>additionalRowData</c>, no empty <c>rowData</c> or
    /// <c>maskedSubstrings</c>. The errors' counted contents (types, columns, values, lines, sensitivity) are the
    /// same as <see cref="Full"/>'s for equal options: only the bytes differ.
    /// </summary>
    Lean,
}
