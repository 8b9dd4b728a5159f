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

    /// <summary>
    /// <c>invalidPropertyValue.maskedSubstrings.substrings</c>: the ranges of the value HubSpot masked (start and end
    /// offsets); <see langword="null"/> when absent.
    /// </summary>
    public IReadOnlyList<MaskedRange>? MaskedSubstrings { get; init; }

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

    /// <summary>Whether the error has an <c>invalidPropertyValue</c> object: it is written when any of its fields is set.</summary>
    public bool HasPropertyValue => PropertyName is not null || DataSensitivity is not null || IsEncrypted is not null || MaskedSubstrings is not null;

    /// <summary>Whether the analysis treats the value as sensitive by default (<see cref="IsSensitiveWhen"/> without showing <c>standard</c>).</summary>
    public bool IsSensitive => IsSensitiveWhen(showStandardSensitivity: false);

    /// <summary>
    /// Whether the analysis treats the value as sensitive: encrypted, partly masked by HubSpot, or of a property whose
    /// <c>dataSensitivity</c> is anything but <c>none</c> (or <c>standard</c> when <paramref name="showStandardSensitivity"/>),
    /// or is not stated.
    /// </summary>
    /// <param name="showStandardSensitivity">Values of <c>standard</c> sensitivity are shown.</param>
    public bool IsSensitiveWhen(bool showStandardSensitivity) =>
        IsEncrypted == true || ContainsEncryptedProperties == true || MaskedSubstrings is { Count: > 0 }
        || (HasPropertyValue && DataSensitivity switch
        {
            "none" => false,
            "standard" => !showStandardSensitivity,
            _ => true,
        });
}
