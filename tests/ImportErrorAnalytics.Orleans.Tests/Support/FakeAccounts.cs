using System.Collections.Concurrent;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>
/// The accounts a test cluster knows, added by the tests as they go: each account's HubSpot settings (the options'
/// <c>ConfigureHubSpot</c>) and token (the silos' <see cref="IHubSpotTokenProvider"/>).
/// </summary>
internal sealed class FakeAccounts : IHubSpotTokenProvider, IAsyncDisposable
{
    public const int PageSize = 100;

    private readonly ConcurrentDictionary<string, FakeAccount> _accounts = new(StringComparer.Ordinal);

    public FakeAccount this[string accountId] => _accounts[accountId];

    /// <summary>Starts the account's fake HubSpot with synthetic imports (errors and seed given per import).</summary>
    public async Task<FakeAccount> AddAsync(
        string accountId,
        IReadOnlyList<(string ImportId, int Errors, int Seed)> imports,
        int budget = 10_000,
        Action<FakeHubSpotOptions>? configure = null,
        string? givenToken = null)
    {
        var options = new FakeHubSpotOptions { AccessToken = $"pat-na1-{Guid.NewGuid()}" };
        foreach (var (importId, errors, seed) in imports)
        {
            options.AddImport(FakeImport.FromSynthetic(importId, Synthetic(errors, seed)));
        }

        configure?.Invoke(options);
        var server = await FakeHubSpotServer.StartAsync(options);
        var account = new FakeAccount(accountId, server, imports.Select(import => import.ImportId).ToArray(), budget, givenToken ?? server.AccessToken);
        if (!_accounts.TryAdd(accountId, account))
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The account {accountId} was added twice.");
        }

        return account;
    }

    public void Configure(string accountId, HubSpotSourceOptions options)
    {
        var account = _accounts[accountId];
        options.BaseAddress = account.Server.BaseAddress;
        options.Limit = PageSize;
        options.RequestsPerTenSeconds = account.Budget;
        options.BaseDelay = TimeSpan.FromMilliseconds(20);
        // Generous: the whole suite runs its test assemblies side by side on two shared cores.
        options.AttemptTimeout = TimeSpan.FromSeconds(30);
    }

    public ValueTask<string> GetTokenAsync(string accountId, CancellationToken cancellationToken) =>
        _accounts.TryGetValue(accountId, out var account)
            ? ValueTask.FromResult(account.GivenToken)
            : throw new KeyNotFoundException($"No account {accountId}.");

    /// <summary>The import read in one process, without Orleans: what its grain must agree with.</summary>
    /// <param name="account">The account.</param>
    /// <param name="importId">The import.</param>
    /// <param name="register">Adds the custom aggregators the silos register, if any.</param>
    public static Task<ReportSnapshot> SingleRunAsync(FakeAccount account, string importId, Func<ImportErrorAnalyzerBuilder, ImportErrorAnalyzerBuilder>? register = null) =>
        (register ?? (builder => builder))(ImportErrorAnalyzer.CreateBuilder())
            .AddHubSpotImport(o =>
            {
                o.ImportId = importId;
                o.BaseAddress = account.Server.BaseAddress;
                o.AccessToken = HubSpotAccessToken.From(account.Server.AccessToken);
                o.Limit = PageSize;
                o.RequestsPerTenSeconds = 10_000;
            })
            .Build()
            .RunToSnapshotAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var account in _accounts.Values)
        {
            await account.Server.DisposeAsync();
        }
    }

    private static SyntheticImport Synthetic(int errors, int seed) =>
        new(new SyntheticImportOptions { Seed = seed, Errors = errors, DistinctValuesPerColumn = 300, Files = 2 });
}
