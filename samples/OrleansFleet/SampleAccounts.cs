using System.Globalization;
using ImportErrorAnalytics.Orleans;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace OrleansFleet;

/// <summary>
/// The sample's HubSpot accounts: one fake HubSpot per account (its own token, its imports, a burst limit equal to the
/// budget, so a request over budget would come back 429), and the silos' token provider for them.
/// </summary>
internal sealed class SampleAccounts : IHubSpotTokenProvider, IAsyncDisposable
{
    private readonly Dictionary<string, FakeHubSpotServer> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _imports = new(StringComparer.Ordinal);

    private SampleAccounts(int budget) => Budget = budget;

    public int Budget { get; }

    public IReadOnlyDictionary<string, FakeHubSpotServer> Servers => _servers;

    public IReadOnlyDictionary<string, string[]> Imports => _imports;

    public static async Task<SampleAccounts> StartAsync(SampleOptions options)
    {
        var accounts = new SampleAccounts(options.Budget);
        for (var a = 0; a < options.Accounts; a++)
        {
            var accountId = $"portal-{1001 + a}";
            var server = new FakeHubSpotOptions { AccessToken = $"pat-na1-{Guid.NewGuid()}", BurstLimit = options.Budget };
            var importIds = new string[options.ImportsPerAccount];
            for (var i = 0; i < importIds.Length; i++)
            {
                importIds[i] = (184_448_000 + (a * 100) + i).ToString(CultureInfo.InvariantCulture);
                var errors = new SyntheticImport(new SyntheticImportOptions { Seed = (a * 100) + i + 1, Errors = options.ErrorsPerImport, DistinctValuesPerColumn = 500 });
                server.AddImport(FakeImport.FromSynthetic(importIds[i], errors));
            }

            accounts._servers[accountId] = await FakeHubSpotServer.StartAsync(server);
            accounts._imports[accountId] = importIds;
        }

        return accounts;
    }

    /// <summary>What <c>ConfigureHubSpot</c> sets for an account: its server, pages of 100, its budget.</summary>
    public void Configure(string accountId, HubSpotSourceOptions options)
    {
        options.BaseAddress = _servers[accountId].BaseAddress;
        options.Limit = 100;
        options.RequestsPerTenSeconds = Budget;
    }

    public ValueTask<string> GetTokenAsync(string accountId, CancellationToken cancellationToken) =>
        _servers.TryGetValue(accountId, out var server)
            ? ValueTask.FromResult(server.AccessToken)
            : throw new KeyNotFoundException($"No account {accountId}.");

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
