namespace ImportErrorAnalytics.Model;

/// <summary>One parsed error inside a page: numbers inline, text as ranges of the page's byte arena.</summary>
internal struct RecordSlot
{
    public const int Absent = -1;

    /// <summary><see cref="Sensitivity"/>: no <c>dataSensitivity</c> was stated (absent or null).</summary>
    public const byte SensitivityUnstated = 0;

    /// <summary><see cref="Sensitivity"/>: <c>none</c>, HubSpot's "non-sensitive".</summary>
    public const byte SensitivityNone = 1;

    /// <summary><see cref="Sensitivity"/>: <c>standard</c>, HubSpot's "sensitive".</summary>
    public const byte SensitivityStandard = 2;

    /// <summary><see cref="Sensitivity"/>: <c>high</c> ("highly sensitive"), or any level HubSpot may add later.</summary>
    public const byte SensitivityOther = 3;

    public int ErrorTypeId;
    public int ObjectTypeId;
    public int KnownColumnNumber;
    public bool HasKnownColumnNumber;
    public bool HasFileId;
    public bool HasLineNumber;
    public bool HasCreatedAt;
    public bool ContainsEncryptedProperties;
    public bool IsEncrypted;

    /// <summary>The record has an <c>invalidPropertyValue</c> object (not absent, not null).</summary>
    public bool HasPropertyValue;

    /// <summary>The highest level any <c>invalidPropertyValue.dataSensitivity</c> of the record stated.</summary>
    public byte Sensitivity;

    /// <summary><c>invalidPropertyValue.maskedSubstrings</c> says HubSpot masked part of the value (it is not empty).</summary>
    public bool MaskedSubstrings;

    /// <summary>Whether the value is never shown: decided when the record is committed (<see cref="IsSensitiveWhen"/>).</summary>
    public bool Sensitive;
    public bool ValueFromDisplay;
    public long FileId;
    public int LineNumber;
    public long CreatedAt;
    public int IdOffset;
    public int IdLength;
    public int PropertyOffset;
    public int PropertyLength;
    public int ValueOffset;
    public int ValueLength;

    /// <summary>
    /// The captured <c>sourceData.rowData</c> cells (only when the parser captures rows): a range of the arena holding,
    /// per cell, a 4-byte little-endian length and the cell's UTF-8 text; a redacted cell's length is stored as its
    /// complement (negative) and its bytes are zeroed (<see cref="RowCells"/>). <see cref="Absent"/> when not captured.
    /// </summary>
    public int RowOffset;
    public int RowLength;

    /// <summary>How many cells <see cref="RowOffset"/> holds.</summary>
    public int RowCells;

    /// <summary>The captured <c>errorMessage</c> (only when the parser captures rows); <see cref="Absent"/> otherwise.</summary>
    public int MessageOffset;
    public int MessageLength;

    public readonly bool IsSensitive => Sensitive;

    /// <summary>
    /// Whether the value must not be shown: it is encrypted, HubSpot masked part of it, or it belongs to a property
    /// whose stated sensitivity is anything but <c>none</c> (or <c>standard</c>, when <paramref name="showStandard"/>),
    /// or states none at all. A record without an <c>invalidPropertyValue</c> has no property to classify.
    /// </summary>
    public readonly bool IsSensitiveWhen(bool showStandard) =>
        IsEncrypted || ContainsEncryptedProperties || MaskedSubstrings
        || (HasPropertyValue && Sensitivity switch
        {
            SensitivityNone => false,
            SensitivityStandard => !showStandard,
            _ => true,
        });

    public void Reset()
    {
        this = default;
        IdLength = Absent;
        PropertyLength = Absent;
        ValueLength = Absent;
        RowLength = Absent;
        MessageLength = Absent;
    }

    /// <summary>The level a <c>dataSensitivity</c> text states: exactly <c>none</c> or <c>standard</c>, else the highest.</summary>
    public static byte SensitivityOf(bool isNone, bool isStandard) =>
        isNone ? SensitivityNone : isStandard ? SensitivityStandard : SensitivityOther;
}
