using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>The three GET endpoints: the list of imports, one import, and an import's errors.</summary>
internal sealed class ImportEndpoints(ImportCatalog imports, int defaultPageSize, int maxPageSize, bool rejectLimitAboveMaximum)
{
    /// <summary>Bytes buffered by the JSON writer before they are pushed to the connection.</summary>
    private const int FlushThreshold = 16 * 1024;

    /// <summary>Serves the request; <paramref name="fault"/>, if any, may change what a page says (an empty page, a repeated or empty cursor).</summary>
    public Task ServeAsync(HttpContext context, RequestRoute route, RequestOutcome outcome, Fault? fault, string correlationId, CancellationToken ct) =>
        route.Endpoint switch
        {
            FakeHubSpotEndpoint.ImportList => ServeListAsync(context, outcome, fault?.Kind, correlationId, ct),
            FakeHubSpotEndpoint.Import => ServeImportAsync(context, route.ImportId!, correlationId, ct),
            FakeHubSpotEndpoint.Errors => ServeErrorsAsync(context, route.ImportId!, outcome, fault?.Kind, correlationId, ct),
            _ => HubSpotJson.WriteErrorAsync(
                context, StatusCodes.Status404NotFound, $"Unable to find a resource at {context.Request.Path}.", "OBJECT_NOT_FOUND", correlationId),
        };

    private async Task ServeImportAsync(HttpContext context, string importId, string correlationId, CancellationToken ct)
    {
        if (imports.Find(importId) is not { } import)
        {
            await NotFoundAsync(context, importId, correlationId).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = HubSpotJson.ContentType;
        using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        HubSpotJson.WriteImport(writer, import);
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task ServeListAsync(HttpContext context, RequestOutcome outcome, FaultKind? fault, string correlationId, CancellationToken ct)
    {
        var all = imports.All();
        if (await TryReadPagingAsync(context, correlationId, p => p >= 0 && p <= all.Length).ConfigureAwait(false) is not { } paging)
        {
            return;
        }

        var (position, limit) = paging;
        var page = all.Skip((int)position).Take(limit).ToArray();
        var next = Misdirect(context, fault, position + page.Length < all.Length ? PageCursor.Encode(position + page.Length) : null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = HubSpotJson.ContentType;
        using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("results");
        foreach (var import in page)
        {
            HubSpotJson.WriteImport(writer, import);
        }

        writer.WriteEndArray();
        if (next is not null)
        {
            HubSpotJson.WritePaging(writer, next, NextLink(context, next));
        }

        writer.WriteEndObject();
        await writer.FlushAsync(ct).ConfigureAwait(false);
        outcome.ResultCount = page.Length;
        outcome.NextAfter = next;
    }

    private async Task ServeErrorsAsync(
        HttpContext context, string importId, RequestOutcome outcome, FaultKind? fault, string correlationId, CancellationToken ct)
    {
        if (imports.Find(importId) is not { } import)
        {
            await NotFoundAsync(context, importId, correlationId).ConfigureAwait(false);
            return;
        }

        if (await TryReadPagingAsync(context, correlationId, import.Errors.IsValidPosition).ConfigureAwait(false) is not { } paging
            || await TryReadFlagAsync(context, "includeErrorMessage", correlationId).ConfigureAwait(false) is not { } includeErrorMessage
            || await TryReadFlagAsync(context, "includeRowData", correlationId).ConfigureAwait(false) is not { } includeRowData)
        {
            return;
        }

        var (position, limit) = paging;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = HubSpotJson.ContentType;
        var body = context.Response.BodyWriter;
        using var writer = new Utf8JsonWriter(body);
        if (fault == FaultKind.EmptyPage)
        {
            var again = PageCursor.Encode(position, again: true);
            writer.WriteStartObject();
            writer.WriteStartArray("results");
            writer.WriteEndArray();
            HubSpotJson.WritePaging(writer, again, NextLink(context, again));
            writer.WriteEndObject();
            await writer.FlushAsync(ct).ConfigureAwait(false);
            outcome.ResultCount = 0;
            outcome.NextAfter = again;
            return;
        }

        using var page = import.Errors.ReadPage(position, limit);
        writer.WriteStartObject();
        writer.WriteStartArray("results");
        for (var i = 0; i < page.Count; i++)
        {
            page.WriteResult(writer, i, includeErrorMessage, includeRowData);
            if (writer.BytesPending >= FlushThreshold)
            {
                // Utf8JsonWriter.Flush commits to the pipe; the pipe's flush sends it (and waits when the client is slow).
                writer.Flush();
                await body.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        var next = Misdirect(context, fault, page.NextPosition is { } nextPosition ? PageCursor.Encode(nextPosition) : null);
        if (next is not null)
        {
            HubSpotJson.WritePaging(writer, next, NextLink(context, next));
        }

        writer.WriteEndObject();
        await writer.FlushAsync(ct).ConfigureAwait(false);
        outcome.ResultCount = page.Count;
        outcome.NextAfter = next;
    }

    /// <summary>Reads <c>after</c> and <c>limit</c>; answers 400 and returns <see langword="null"/> when either is bad.</summary>
    private async Task<(long Position, int Limit)?> TryReadPagingAsync(HttpContext context, string correlationId, Func<long, bool> isValidPosition)
    {
        var query = context.Request.Query;
        var limit = defaultPageSize;
        if (query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                await BadRequestAsync(context, $"Invalid input: limit '{limitText}' is not a positive whole number.", correlationId).ConfigureAwait(false);
                return null;
            }

            if (limit > maxPageSize)
            {
                if (rejectLimitAboveMaximum)
                {
                    await BadRequestAsync(context, $"Invalid input: limit {limit} is above the maximum of {maxPageSize}.", correlationId).ConfigureAwait(false);
                    return null;
                }

                limit = maxPageSize;
            }
        }

        var position = 0L;
        // An empty after (as some clients send for the first page) means the first page.
        if (query.TryGetValue("after", out var after) && after.ToString().Length > 0
            && (!PageCursor.TryDecode(after.ToString(), out position) || !isValidPosition(position)))
        {
            await BadRequestAsync(context, $"Invalid input: the paging cursor '{after}' is not valid.", correlationId).ConfigureAwait(false);
            return null;
        }

        return (position, limit);
    }

    private static async Task<bool?> TryReadFlagAsync(HttpContext context, string name, string correlationId)
    {
        if (!context.Request.Query.TryGetValue(name, out var text))
        {
            return false;
        }

        if (bool.TryParse(text.ToString(), out var value))
        {
            return value;
        }

        await BadRequestAsync(context, $"Invalid input: {name} '{text}' is not true or false.", correlationId).ConfigureAwait(false);
        return null;
    }

    /// <summary>The cursor a page hands out: <paramref name="next"/>, or what a paging fault puts instead.</summary>
    private static string? Misdirect(HttpContext context, FaultKind? fault, string? next) => fault switch
    {
        FaultKind.RepeatedCursor => context.Request.Query.TryGetValue("after", out var after) && after.ToString().Length > 0
            ? after.ToString()
            : PageCursor.Encode(0),
        FaultKind.EmptyCursor => "",
        _ => next,
    };

    private static string NextLink(HttpContext context, string after)
    {
        var request = context.Request;
        var link = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?after={Uri.EscapeDataString(after)}";
        return request.Query.TryGetValue("limit", out var limit) ? link + "&limit=" + Uri.EscapeDataString(limit.ToString()) : link;
    }

    private static Task NotFoundAsync(HttpContext context, string importId, string correlationId) =>
        HubSpotJson.WriteErrorAsync(
            context, StatusCodes.Status404NotFound, $"Import with id {importId} not found.", "OBJECT_NOT_FOUND", correlationId);

    private static Task BadRequestAsync(HttpContext context, string message, string correlationId) =>
        HubSpotJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, message, "VALIDATION_ERROR", correlationId);
}
