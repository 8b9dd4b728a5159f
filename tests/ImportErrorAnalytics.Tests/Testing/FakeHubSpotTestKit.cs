using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Tests.Testing;

/// <summary>Helpers for tests of the fake HubSpot server: a small import, a plain-HttpClient page walk, a manual clock.</summary>
internal static class FakeHubSpotTestKit
{
    public const string ImportId = "184448894";

    public static SyntheticImport SmallImport(long errors = 250, bool rowData = false, bool errorMessage = false) =>
        new(new SyntheticImportOptions { Errors = errors, Seed = 7, LargeValueRate = 0.01, IncludeRowData = rowData, IncludeErrorMessage = errorMessage });

    public static async Task<FakeHubSpotServer> StartAsync(SyntheticImport? import = null, Action<FakeHubSpotOptions>? configure = null)
    {
        var options = new FakeHubSpotOptions().AddImport(FakeImport.FromSynthetic(ImportId, import ?? SmallImport()));
        configure?.Invoke(options);
        return await FakeHubSpotServer.StartAsync(options);
    }

    public static HttpClient Client(FakeHubSpotServer server, string? token = null)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? server.AccessToken);
        return client;
    }

    /// <summary>The JSON the server should write for an error: what ErrorJsonWriter writes, compact.</summary>
    public static string Json(SyntheticError error)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ErrorJsonWriter.WriteError(writer, error);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Follows <c>paging.next.after</c> from the first page to the last; returns every result's raw JSON and the cursors used.</summary>
    public static async Task<(List<string> Results, List<string?> Cursors)> WalkAsync(HttpClient client, string path, string query = "")
    {
        var results = new List<string>();
        var cursors = new List<string?>();
        string? after = null;
        do
        {
            cursors.Add(after);
            var url = path + "?" + query + (after is null ? "" : (query.Length > 0 ? "&" : "") + "after=" + Uri.EscapeDataString(after));
            using var response = await client.GetAsync(url);
            Assert.Equal(200, (int)response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            results.AddRange(page.RootElement.GetProperty("results").EnumerateArray().Select(e => e.GetRawText()));
            after = page.RootElement.TryGetProperty("paging", out var paging) ? paging.GetProperty("next").GetProperty("after").GetString() : null;
            Assert.True(cursors.Count < 10_000, "The walk does not end.");
        }
        while (after is not null);

        return (results, cursors);
    }

    public static async Task<(int Status, HttpResponseMessage Response, JsonElement Body)> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(bytes);
        return ((int)response.StatusCode, response, document.RootElement.Clone());
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"No {name} header.");
}

/// <summary>A clock the test moves by hand (for the burst window and the daily budget; delays are not supported).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}
