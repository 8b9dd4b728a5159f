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

    /// <summary>
    /// <c>objectTypeId</c> (<c>0-1</c> for contacts, <c>0-2</c> companies, <c>0-3</c> deals). When <see langword="null"/>
    /// and <see cref="ObjectType"/> is set, the writer writes <c>0-1</c> for <c>CONTACT</c> and <c>0-2</c> otherwise.
    /// </summary>
    public string? ObjectTypeId { get; init; }

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

    /// <summary><c>sourceData.additionalRowData</c>.</summary>
    public IReadOnlyList<string>? AdditionalRowData { get; init; }

    /// <summary><c>sourceData.pageName</c> (the sheet); the writer writes <c>Sheet1</c> when <see langword="null"/>.</summary>
    public string? PageName { get; init; }

    /// <summary><c>errorMessage</c>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary><c>extraContext</c>.</summary>
    public string? ExtraContext { get; init; }

    /// <summary>
    /// The rest of <c>invalidPropertyValue</c>'s required fields; <see langword="null"/> writes the lean defaults
    /// (<c>isLargeValue</c> false, <c>source</c> IMPORT, an empty <c>sourceVid</c>) and nothing else.
    /// </summary>
    public SyntheticPropertyDetails? PropertyDetails { get; init; }

    /// <summary>The value the analysis counts: <c>invalidValue</c>, else <c>invalidValueToDisplay</c>.</summary>
    public string? EffectiveValue => InvalidValue ?? InvalidValueToDisplay;

    /// <summary>Whether the error has an <c>invalidPropertyValue</c> object: it is written when any of its fields is set.</summary>
    public bool HasPropertyValue =>
        PropertyName is not null || DataSensitivity is not null || IsEncrypted is not null || MaskedSubstrings is not null || PropertyDetails is not null;

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

    /// <summary>Field by field; lists by their elements.</summary>
    /// <param name="other">The other error.</param>
    public bool Equals(SyntheticError? other) =>
        other is not null
        && Id == other.Id && CreatedAt == other.CreatedAt && ErrorType == other.ErrorType && ObjectType == other.ObjectType
        && ObjectTypeId == other.ObjectTypeId && KnownColumnNumber == other.KnownColumnNumber && InvalidValue == other.InvalidValue
        && InvalidValueToDisplay == other.InvalidValueToDisplay && PropertyName == other.PropertyName
        && DataSensitivity == other.DataSensitivity && IsEncrypted == other.IsEncrypted && SameList(MaskedSubstrings, other.MaskedSubstrings)
        && FileId == other.FileId && LineNumber == other.LineNumber && ContainsEncryptedProperties == other.ContainsEncryptedProperties
        && SameList(RowData, other.RowData) && SameList(AdditionalRowData, other.AdditionalRowData) && PageName == other.PageName
        && ErrorMessage == other.ErrorMessage && ExtraContext == other.ExtraContext && Equals(PropertyDetails, other.PropertyDetails);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, CreatedAt, ErrorType, KnownColumnNumber, InvalidValue, FileId, LineNumber);

    internal static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));
}
