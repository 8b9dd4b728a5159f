namespace ImportErrorAnalytics.Testing;

/// <summary>One import error as plain data: what a HubSpot error record says, field by field.</summary>
public sealed record SyntheticError
{
    /// <summary><c>id</c>.</summary>
    public required string Id { get; init; }

    /// <summary><c>createdAt</c> (epoch ms).</summary>
    public long? CreatedAt { get; init; }

    /// <summary><c>errorType</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary><c>objectType</c>.</summary>
    public string? ObjectType { get; init; }

    /// <summary><c>knownColumnNumber</c>.</summary>
    public int? KnownColumnNumber { get; init; }

    /// <summary><c>invalidValue</c>.</summary>
    public string? InvalidValue { get; init; }

    /// <summary><c>invalidValueToDisplay</c>.</summary>
    public string? InvalidValueToDisplay { get; init; }

    /// <summary><c>invalidPropertyValue.name</c>; the object is written only when any of its fields is set.</summary>
    public string? PropertyName { get; init; }

    /// <summary><c>invalidPropertyValue.dataSensitivity</c>.</summary>
    public string? DataSensitivity { get; init; }

    /// <summary><c>invalidPropertyValue.isEncrypted</c>.</summary>
    public bool? IsEncrypted { get; init; }

    /// <summary><c>sourceData.fileId</c>.</summary>
    public long? FileId { get; init; }

    /// <summary><c>sourceData.lineNumber</c>.</summary>
    public int? LineNumber { get; init; }

    /// <summary><c>sourceData.containsEncryptedProperties</c>.</summary>
    public bool? ContainsEncryptedProperties { get; init; }

    /// <summary><c>sourceData.rowData</c>.</summary>
    public IReadOnlyList<string>? RowData { get; init; }

    /// <summary><c>errorMessage</c>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The value the analysis counts: <c>invalidValue</c>, else <c>invalidValueToDisplay</c>.</summary>
    public string? EffectiveValue => InvalidValue ?? InvalidValueToDisplay;

    /// <summary>Whether HubSpot marks the value sensitive.</summary>
    public bool IsSensitive =>
        string.Equals(DataSensitivity, "high", StringComparison.Ordinal) || IsEncrypted == true || ContainsEncryptedProperties == true;
}
