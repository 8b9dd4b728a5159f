namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>A database of its own with the schema, and one silo on it (a cluster of its own).</summary>
public class PostgresSiloFixture : PostgresDatabase
{
    private PostgresSilo? _silo;

    public string ClusterId { get; } = "tests-" + Guid.NewGuid().ToString("N")[..8];

    internal PostgresSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateSchemaAsync();
        _silo = await PostgresSilo.StartAsync(ConnectionString, ClusterId);
    }

    public override async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
