namespace ImportErrorAnalytics.Benchmarks.Poco;

/// <summary>One HubSpot response page, as a user would declare it for System.Text.Json (only the fields the analysis reads).</summary>
public sealed class ErrorPageDto
{
    public IReadOnlyList<ErrorDto>? Results { get; init; }

    public PagingDto? Paging { get; init; }
}

/// <summary>One import error.</summary>
public sealed class ErrorDto
{
    public string? ErrorType { get; init; }

    public string? ObjectType { get; init; }

    public int? KnownColumnNumber { get; init; }

    public string? InvalidValue { get; init; }

    public string? InvalidValueToDisplay { get; init; }

    public SourceDataDto? SourceData { get; init; }

    public InvalidPropertyValueDto? InvalidPropertyValue { get; init; }
}

/// <summary><c>sourceData</c>.</summary>
public sealed class SourceDataDto
{
    public long? FileId { get; init; }

    public int? LineNumber { get; init; }

    public bool? ContainsEncryptedProperties { get; init; }
}

/// <summary><c>invalidPropertyValue</c>.</summary>
public sealed class InvalidPropertyValueDto
{
    public string? Name { get; init; }

    public string? DataSensitivity { get; init; }

    public bool? IsEncrypted { get; init; }
}

/// <summary><c>paging</c>.</summary>
public sealed class PagingDto
{
    public PagingNextDto? Next { get; init; }
}

/// <summary><c>paging.next</c>.</summary>
public sealed class PagingNextDto
{
    public string? After { get; init; }
}
