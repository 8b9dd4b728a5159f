namespace ImportErrorAnalytics.Parsing;

/// <summary>One parsed error inside a page: numbers inline, text as ranges of the page's byte arena.</summary>
internal struct RecordSlot
{
    public const int Absent = -1;

    public int ErrorTypeId;
    public int ObjectTypeId;
    public int KnownColumnNumber;
    public bool HasKnownColumnNumber;
    public bool HasFileId;
    public bool HasLineNumber;
    public bool HasCreatedAt;
    public bool ContainsEncryptedProperties;
    public bool IsEncrypted;
    public bool HighSensitivity;
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

    public readonly bool IsSensitive => HighSensitivity || IsEncrypted || ContainsEncryptedProperties;

    public void Reset()
    {
        this = default;
        IdLength = Absent;
        PropertyLength = Absent;
        ValueLength = Absent;
    }
}
