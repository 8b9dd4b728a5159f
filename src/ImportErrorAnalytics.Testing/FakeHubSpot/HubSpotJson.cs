using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>HubSpot's response shapes: error bodies and the import object.</summary>
internal static class HubSpotJson
{
    public const string ContentType = "application/json;charset=utf-8";

    public const string MissingCredentialsMessage =
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    public const string MissingScopesMessage =
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.";

    /// <summary>Writes <c>{"status":"error","message":...,"correlationId":...,"category":...}</c> plus <paramref name="extra"/>.</summary>
    public static Task WriteErrorAsync(
        HttpContext context, int status, string message, string category, string correlationId, Action<Utf8JsonWriter>? extra = null) =>
        WriteAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "error");
            writer.WriteString("message", message);
            writer.WriteString("correlationId", correlationId);
            writer.WriteString("category", category);
            extra?.Invoke(writer);
            writer.WriteEndObject();
        });

    /// <summary>HubSpot's 403 for a token without the <c>crm.import</c> scope.</summary>
    public static Task WriteMissingScopesAsync(HttpContext context, string correlationId) =>
        WriteErrorAsync(context, StatusCodes.Status403Forbidden, MissingScopesMessage, "MISSING_SCOPES", correlationId, writer =>
        {
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("message", "One or more of the following scopes are required.");
            writer.WriteStartObject("context");
            writer.WriteStartArray("requiredGranularScopes");
            writer.WriteStringValue("crm.import");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    /// <summary>HubSpot's 429: <c>errorType</c> RATE_LIMIT and a <c>policyName</c> instead of a category.</summary>
    public static Task WriteRateLimitAsync(HttpContext context, string policyName, string correlationId) =>
        WriteAsync(context, StatusCodes.Status429TooManyRequests, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "error");
            writer.WriteString("message", policyName == "DAILY"
                ? "You have reached your daily limit."
                : "You have reached your ten_secondly_rolling limit.");
            writer.WriteString("errorType", "RATE_LIMIT");
            writer.WriteString("correlationId", correlationId);
            writer.WriteString("policyName", policyName);
            writer.WriteEndObject();
        });

    /// <summary>An HTML page as a gateway in front of HubSpot sends it.</summary>
    public static async Task WriteHtmlAsync(HttpContext context, int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        var html = $"<!DOCTYPE html>\n<html><head><title>{code} Error</title></head><body><h1>Error {code}</h1><p>The origin did not answer in time. Ray ID: fake</p></body></html>\n";
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=UTF-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The import object.</summary>
    public static void WriteImport(Utf8JsonWriter writer, ImportRecord import)
    {
        writer.WriteStartObject();
        writer.WriteString("id", import.Id);
        writer.WriteString("state", import.State);
        writer.WriteString("importName", import.ImportName);
        writer.WriteString("importSource", "API");
        writer.WriteString("createdAt", Iso(import.CreatedAt));
        writer.WriteString("updatedAt", Iso(import.UpdatedAt));
        writer.WriteStartObject("metadata");
        writer.WriteStartObject("counters");
        foreach (var (name, value) in import.Counters)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("fileIds");
        foreach (var fileId in import.FileIds)
        {
            writer.WriteStringValue(fileId);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("objectLists");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteBoolean("optOutImport", import.OptOutImport);
        writer.WriteStartArray("mappedObjectTypeIds");
        foreach (var type in import.MappedObjectTypeIds)
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>paging.next</c> with its cursor and a link to the next page.</summary>
    public static void WritePaging(Utf8JsonWriter writer, string after, string link)
    {
        writer.WriteStartObject("paging");
        writer.WriteStartObject("next");
        writer.WriteString("after", after);
        writer.WriteString("link", link);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as HubSpot writes it: <c>2026-01-01T00:00:00.000Z</c>.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // No Content-Length: a chunked body ends only when the handler returns, after the request log is updated, so a
    // test that has read a whole response always finds its entry finished.
    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
