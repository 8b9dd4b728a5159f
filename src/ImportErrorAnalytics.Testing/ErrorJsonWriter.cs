using System.Text.Json;

namespace ImportErrorAnalytics.Testing;

/// <summary>Writes errors in HubSpot's JSON shape: as response pages or as NDJSON.</summary>
public static class ErrorJsonWriter
{
    /// <summary>Writes one response page: <c>{"results":[...],"paging":{"next":{"after":...}}}</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="errors">The page's errors.</param>
    /// <param name="after">The next cursor, or <see langword="null"/> on the last page.</param>
    public static void WritePage(Utf8JsonWriter writer, IEnumerable<SyntheticError> errors, string? after)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(errors);
        writer.WriteStartObject();
        writer.WriteStartArray("results");
        foreach (var error in errors)
        {
            WriteError(writer, error);
        }

        writer.WriteEndArray();
        if (after is not null)
        {
            writer.WriteStartObject("paging");
            writer.WriteStartObject("next");
            writer.WriteString("after", after);
            writer.WriteString("link", "?after=" + after);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one error object.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="error">The error.</param>
    public static void WriteError(Utf8JsonWriter writer, SyntheticError error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteString("id", error.Id);
        if (error.CreatedAt is { } createdAt)
        {
            writer.WriteNumber("createdAt", createdAt);
        }

        if (error.ErrorType is not null)
        {
            writer.WriteString("errorType", error.ErrorType);
        }

        if (error.ObjectType is not null)
        {
            writer.WriteString("objectType", error.ObjectType);
            writer.WriteString("objectTypeId", error.ObjectTypeId ?? (error.ObjectType == "CONTACT" ? "0-1" : "0-2"));
        }
        else if (error.ObjectTypeId is not null)
        {
            writer.WriteString("objectTypeId", error.ObjectTypeId);
        }

        if (error.KnownColumnNumber is { } column)
        {
            writer.WriteNumber("knownColumnNumber", column);
        }

        WriteOptional(writer, "invalidValue", error.InvalidValue);
        WriteOptional(writer, "invalidValueToDisplay", error.InvalidValueToDisplay);
        WriteOptional(writer, "errorMessage", error.ErrorMessage);
        WriteOptional(writer, "extraContext", error.ExtraContext);
        WriteSourceData(writer, error);
        if (error.HasPropertyValue)
        {
            WritePropertyValue(writer, error);
        }

        writer.WriteEndObject();
    }

    private static void WritePropertyValue(Utf8JsonWriter writer, SyntheticError error)
    {
        writer.WriteStartObject("invalidPropertyValue");
        WriteOptional(writer, "name", error.PropertyName);
        writer.WriteString("value", error.IsSensitive ? "" : error.EffectiveValue ?? "");
        WriteOptional(writer, "dataSensitivity", error.DataSensitivity);
        if (error.IsEncrypted is { } encrypted)
        {
            writer.WriteBoolean("isEncrypted", encrypted);
        }

        if (error.MaskedSubstrings is { } masked)
        {
            writer.WriteStartObject("maskedSubstrings");
            writer.WriteStartArray("substrings");
            foreach (var range in masked)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", range.Start);
                writer.WriteNumber("end", range.End);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var details = error.PropertyDetails;
        writer.WriteBoolean("isLargeValue", details?.IsLargeValue ?? false);
        writer.WriteString("source", details?.Source ?? "IMPORT");
        writer.WriteStartArray("sourceVid");
        foreach (var vid in details?.SourceVid ?? [])
        {
            writer.WriteNumberValue(vid);
        }

        writer.WriteEndArray();
        if (details is not null)
        {
            WriteDetails(writer, details);
        }

        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter writer, SyntheticPropertyDetails details)
    {
        writer.WriteString("sourceId", details.SourceId);
        writer.WriteString("sourceLabel", details.SourceLabel);
        writer.WriteString("sourceMetadata", details.SourceMetadata);
        writer.WriteString("sourceUpstreamDeployable", details.SourceUpstreamDeployable);
        writer.WriteString("requestId", details.RequestId);
        writer.WriteNumber("timestamp", details.Timestamp);
        writer.WriteNumber("persistenceTimestamp", details.PersistenceTimestamp);
        writer.WriteBoolean("useTimestampAsPersistenceTimestamp", details.UseTimestampAsPersistenceTimestamp);
        writer.WriteBoolean("selectedByUser", details.SelectedByUser);
        writer.WriteNumber("selectedByUserTimestamp", details.SelectedByUserTimestamp);
        writer.WriteNumber("updatedByUserId", details.UpdatedByUserId);
        writer.WriteString("unit", details.Unit);
    }

    private static void WriteSourceData(Utf8JsonWriter writer, SyntheticError error)
    {
        writer.WriteStartObject("sourceData");
        if (error.FileId is { } fileId)
        {
            writer.WriteNumber("fileId", fileId);
        }

        if (error.LineNumber is { } line)
        {
            writer.WriteNumber("lineNumber", line);
        }

        if (error.ContainsEncryptedProperties is { } encrypted)
        {
            writer.WriteBoolean("containsEncryptedProperties", encrypted);
        }

        if (error.RowData is { } row)
        {
            writer.WriteStartArray("rowData");
            foreach (var cell in row)
            {
                writer.WriteStringValue(cell);
            }

            writer.WriteEndArray();
        }

        if (error.AdditionalRowData is { } additional)
        {
            writer.WriteStartArray("additionalRowData");
            foreach (var cell in additional)
            {
                writer.WriteStringValue(cell);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("pageName", error.PageName ?? "Sheet1");
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
