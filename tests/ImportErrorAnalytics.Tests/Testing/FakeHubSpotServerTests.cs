using System.Text.Json;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using static ImportErrorAnalytics.Tests.Testing.FakeHubSpotTestKit;

namespace ImportErrorAnalytics.Tests.Testing;

public class FakeHubSpotServerTests
{
    private const string Errors = "/crm/imports/2026-03/" + ImportId + "/errors";

    private static readonly string[] RateLimitHeaders =
    [
        "X-HubSpot-RateLimit-Max", "X-HubSpot-RateLimit-Remaining", "X-HubSpot-RateLimit-Interval-Milliseconds",
        "X-HubSpot-RateLimit-Daily", "X-HubSpot-RateLimit-Daily-Remaining",
    ];

    [Fact]
    public async Task Paging_WalksEveryErrorExactlyOnce_AndThePagesConcatenateToGenerate()
    {
        var import = SmallImport(errors: 1_234);
        await using var server = await StartAsync(import);
        using var client = Client(server);

        var (results, cursors) = await WalkAsync(client, Errors, "limit=100");

        Assert.Equal(import.Generate().Select(Json).ToList(), results);
        Assert.Equal(13, cursors.Count);
        Assert.Equal(cursors.Count, cursors.Distinct().Count());
        Assert.Equal(13, server.Requests.PagesServed(ImportId));
        Assert.Empty(server.Requests.UnservedCursors(ImportId));
        Assert.Equal(Enumerable.Repeat(100, 12).Append(34), server.Requests.ErrorsRequests(ImportId).Select(e => e.ResultCount ?? -1));
    }

    [Fact]
    public async Task Paging_WithoutLimit_UsesTheDefaultPageSize_AndALimitAboveTheMaximumIsLowered()
    {
        await using var server = await StartAsync(SmallImport(errors: 250), o => (o.DefaultPageSize, o.MaxPageSize) = (40, 60));
        using var client = Client(server);

        var (first, _, _) = await GetJsonAsync(client, Errors);
        var (capped, _, _) = await GetJsonAsync(client, Errors + "?limit=500");

        Assert.Equal(200, first);
        Assert.Equal(200, capped);
        Assert.Equal([40, 60], server.Requests.ErrorsRequests().Select(e => e.ResultCount ?? -1));
    }

    [Fact]
    public async Task Paging_LastPageHasNoPaging_AndTheNextLinkLeadsToTheNextPage()
    {
        await using var server = await StartAsync(SmallImport(errors: 5));
        using var client = Client(server);

        var (_, _, first) = await GetJsonAsync(client, Errors + "?limit=3");
        var link = first.GetProperty("paging").GetProperty("next").GetProperty("link").GetString()!;
        var (_, _, last) = await GetJsonAsync(client, link);

        Assert.StartsWith(server.BaseAddress + "crm/imports/2026-03/" + ImportId + "/errors?after=", link, StringComparison.Ordinal);
        Assert.Equal(2, last.GetProperty("results").GetArrayLength());
        Assert.False(last.TryGetProperty("paging", out _));
    }

    [Fact]
    public async Task V3Path_ServesTheSamePages()
    {
        var import = SmallImport(errors: 120);
        await using var server = await StartAsync(import);
        using var client = Client(server);

        var (results, _) = await WalkAsync(client, "/crm/v3/imports/" + ImportId + "/errors", "limit=50");
        var (_, _, body) = await GetJsonAsync(client, "/crm/v3/imports/" + ImportId);

        Assert.Equal(import.Generate().Select(Json).ToList(), results);
        Assert.Equal(ImportId, body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Flags_RowDataAndErrorMessage_AreSentOnlyWhenAskedFor()
    {
        var plain = SmallImport(errors: 60);
        var full = SmallImport(errors: 60, rowData: true, errorMessage: true);
        await using var server = await StartAsync(plain);
        using var client = Client(server);

        var (without, _) = await WalkAsync(client, Errors, "includeRowData=false&includeErrorMessage=false");
        var (with, _) = await WalkAsync(client, Errors, "includeRowData=true&includeErrorMessage=true");
        var (rowsOnly, _) = await WalkAsync(client, Errors, "includeRowData=true");

        Assert.Equal(plain.Generate().Select(Json).ToList(), without);
        Assert.Equal(full.Generate().Select(Json).ToList(), with);
        Assert.Equal(full.Generate().Select(e => Json(e with { ErrorMessage = null })).ToList(), rowsOnly);
        Assert.Contains(with, r => r.Contains("\"rowData\"", StringComparison.Ordinal) && r.Contains("\"errorMessage\"", StringComparison.Ordinal));
        // rowData is required by the schema: without the flag it is sent empty.
        Assert.All(without, r => Assert.Contains("\"rowData\":[],", r, StringComparison.Ordinal));
        Assert.DoesNotContain(without, r => r.Contains("\"errorMessage\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_IsHubSpotsImportObject()
    {
        var import = FakeImport.FromSynthetic("42", SmallImport(errors: 250));
        import.ImportName = "contacts.csv";
        import.State = "PROCESSING";
        await using var server = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions().AddImport(import));
        using var client = Client(server);

        var (status, response, body) = await GetJsonAsync(client, "/crm/imports/2026-03/42");

        Assert.Equal(200, status);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("42", body.GetProperty("id").GetString());
        Assert.Equal("PROCESSING", body.GetProperty("state").GetString());
        Assert.Equal("contacts.csv", body.GetProperty("importName").GetString());
        Assert.Equal("2026-01-01T00:00:00.000Z", body.GetProperty("createdAt").GetString());
        Assert.Equal("2026-01-01T01:00:00.000Z", body.GetProperty("updatedAt").GetString());
        var metadata = body.GetProperty("metadata");
        Assert.Equal(3_000_000, metadata.GetProperty("counters").GetProperty("TOTAL_ROWS").GetInt64());
        Assert.Equal(250, metadata.GetProperty("counters").GetProperty("ERRORS").GetInt64());
        Assert.Equal(["184448894240", "184448902159", "184448910078"], metadata.GetProperty("fileIds").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, metadata.GetProperty("objectLists").GetArrayLength());
        Assert.False(body.GetProperty("optOutImport").GetBoolean());
        Assert.Equal(["0-1"], body.GetProperty("mappedObjectTypeIds").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task ImportList_IsPaged_AndAnImportAddedWhileRunningAppears()
    {
        var options = new FakeHubSpotOptions()
            .AddImport(FakeImport.FromSynthetic("1", SmallImport(errors: 1)))
            .AddImport(FakeImport.FromSynthetic("2", SmallImport(errors: 1)));
        await using var server = await FakeHubSpotServer.StartAsync(options);
        server.AddImport(FakeImport.FromSynthetic("3", SmallImport(errors: 1)));
        using var client = Client(server);

        var (_, _, first) = await GetJsonAsync(client, "/crm/imports/2026-03?limit=2");
        var after = first.GetProperty("paging").GetProperty("next").GetProperty("after").GetString();
        var (_, _, second) = await GetJsonAsync(client, "/crm/imports/2026-03?limit=2&after=" + after);

        Assert.Equal(["1", "2"], first.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["3"], second.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.False(second.TryGetProperty("paging", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pat-na1-someone-else")]
    public async Task Auth_MissingOrWrongToken_Is401InvalidAuthentication(string? token)
    {
        await using var server = await StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        var (status, response, body) = await GetJsonAsync(client, Errors);

        Assert.Equal(401, status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.StartsWith("Authentication credentials not found.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("INVALID_AUTHENTICATION", body.GetProperty("category").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("correlationId").GetString(), out _));
        Assert.All(RateLimitHeaders, h => Header(response, h));
    }

    [Fact]
    public async Task Auth_TokenWithoutTheScope_Is403MissingScopes()
    {
        await using var server = await StartAsync(configure: o => o.TokenWithoutScope = "pat-no-scope");
        using var client = Client(server, "pat-no-scope");

        var (status, _, body) = await GetJsonAsync(client, Errors);

        Assert.Equal(403, status);
        Assert.StartsWith("This app hasn't been granted all required scopes", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("MISSING_SCOPES", body.GetProperty("category").GetString());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray().ToArray());
        Assert.Equal("One or more of the following scopes are required.", error.GetProperty("message").GetString());
        Assert.Equal(["crm.import"], error.GetProperty("context").GetProperty("requiredGranularScopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("/crm/imports/2026-03/999/errors")]
    [InlineData("/crm/v3/imports/999")]
    [InlineData("/crm/imports/2026-03/" + ImportId + "/nothing")]
    [InlineData("/somewhere/else")]
    public async Task UnknownImportOrPath_Is404WithAnErrorBody(string path)
    {
        await using var server = await StartAsync();
        using var client = Client(server);

        var (status, _, body) = await GetJsonAsync(client, path);

        Assert.Equal(404, status);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("OBJECT_NOT_FOUND", body.GetProperty("category").GetString());
        Assert.NotEmpty(body.GetProperty("message").GetString()!);
    }

    [Theory]
    [InlineData("after=not-a-cursor!")]
    [InlineData("after=OTk5OTk")] // base64url of 99999: past the end
    [InlineData("limit=0")]
    [InlineData("limit=ten")]
    [InlineData("includeRowData=yes")]
    public async Task BadQuery_Is400ValidationError(string query)
    {
        await using var server = await StartAsync();
        using var client = Client(server);

        var (status, _, body) = await GetJsonAsync(client, Errors + "?" + query);

        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_ERROR", body.GetProperty("category").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("correlationId").GetString(), out _));
    }

    [Fact]
    public async Task LimitAboveTheMaximum_Is400_WhenTheOptionSaysSo()
    {
        await using var server = await StartAsync(configure: o => (o.MaxPageSize, o.RejectLimitAboveMaximum) = (100, true));
        using var client = Client(server);

        var (status, _, _) = await GetJsonAsync(client, Errors + "?limit=101");

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheRateLimitHeaders_WithRemainingCountingDown()
    {
        await using var server = await StartAsync(configure: o => (o.ReportedBurstLimit, o.DailyLimit) = (100, 5000));
        using var client = Client(server);

        var ok = await client.GetAsync(Errors);
        var notFound = await client.GetAsync("/crm/imports/2026-03/999");

        foreach (var response in new[] { ok, notFound })
        {
            Assert.All(RateLimitHeaders, h => Header(response, h));
            Assert.Equal("10000", Header(response, "X-HubSpot-RateLimit-Interval-Milliseconds"));
            Assert.Equal("100", Header(response, "X-HubSpot-RateLimit-Max"));
            Assert.Equal("5000", Header(response, "X-HubSpot-RateLimit-Daily"));
        }

        Assert.Equal("99", Header(ok, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("98", Header(notFound, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal("4998", Header(notFound, "X-HubSpot-RateLimit-Daily-Remaining"));
    }

    [Fact]
    public async Task RequestLog_RecordsPathQueryStatusAndTime_ButNeverTheToken()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(configure: o => o.TimeProvider = clock);
        using var client = Client(server);

        await client.GetAsync(Errors + "?limit=10&hapikey=secret-key");
        clock.Advance(TimeSpan.FromSeconds(3));
        await client.GetAsync("/crm/imports/2026-03/999");

        var entries = server.Requests.Snapshot();
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([1L, 2L], entries.Select(e => e.Number));
        Assert.Equal(Errors, entries[0].Path);
        Assert.Equal("?limit=10&hapikey=REDACTED", entries[0].Query);
        Assert.Equal(FakeHubSpotEndpoint.Errors, entries[0].Endpoint);
        Assert.Equal(ImportId, entries[0].ImportId);
        Assert.Equal((200, true, 10), (entries[0].StatusCode, entries[0].Succeeded, entries[0].ResultCount ?? -1));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), entries[0].Timestamp);
        Assert.Equal((404, FakeHubSpotEndpoint.Import), (entries[1].StatusCode, entries[1].Endpoint));
        Assert.Equal(TimeSpan.FromSeconds(3), entries[1].Timestamp - entries[0].Timestamp);
        Assert.DoesNotContain(entries, e => e.ToString().Contains(server.AccessToken, StringComparison.Ordinal) || e.ToString().Contains("secret-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestLog_CountsConcurrentRequestsOnceEach()
    {
        await using var server = await StartAsync(SmallImport(errors: 500));
        using var client = Client(server);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.GetAsync(Errors + "?limit=5")));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        var entries = server.Requests.Snapshot();
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), entries.Select(e => e.Number));
        Assert.All(entries, e => Assert.True(e.Succeeded));
        Assert.Equal(24, server.Requests.MaxRequestsInWindow(TimeSpan.FromSeconds(10), FakeHubSpotEndpoint.Errors));
    }

    [Fact]
    public async Task PageFiles_AreServedInNameOrder_WithTheServersOwnCursors()
    {
        var import = SmallImport(errors: 230);
        using var directory = new Support.TempDirectory();
        Assert.Equal(5, import.WritePageFiles(directory.Path, 50));
        await using var server = await FakeHubSpotServer.StartAsync(new FakeHubSpotOptions().AddImport(FakeImport.FromPageFiles("7", directory.Path)));
        using var client = Client(server);

        var (results, cursors) = await WalkAsync(client, "/crm/imports/2026-03/7/errors", "limit=10");
        var (_, _, body) = await GetJsonAsync(client, "/crm/imports/2026-03/7");

        Assert.Equal(import.Generate().Select(Json).ToList(), results);
        Assert.Equal(5, cursors.Count);
        Assert.DoesNotContain(SyntheticImport.Cursor(1), cursors);
        Assert.Equal(230, body.GetProperty("metadata").GetProperty("counters").GetProperty("ERRORS").GetInt64());
    }

    [Fact]
    public async Task StopAsync_StopsListening()
    {
        var server = await StartAsync();
        using var client = Client(server);
        Assert.Equal(200, (int)(await client.GetAsync(Errors)).StatusCode);

        await server.StopAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Errors));
        await server.DisposeAsync();
    }
}
