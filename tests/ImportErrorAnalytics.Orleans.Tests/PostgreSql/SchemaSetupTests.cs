using System.Reflection;
using ImportErrorAnalytics.Orleans.PostgreSql;
using ImportErrorAnalytics.Tests.Shared;
using Orleans.Configuration;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// <see cref="OrleansPostgresSchema.EnsureCreatedAsync"/>: a row for every query key the three providers ask for, and a
/// second run (or concurrent runs) that changes nothing.
/// </summary>
[Slow(SlowKind.Orleans)]
public sealed class SchemaSetupTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>What the persistence provider loads by name (its keys are string literals, not properties).</summary>
    private static readonly string[] PersistenceKeys = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey"];

    private const string OptionalClusteringKey = "CleanupDefunctSiloEntryKey";

    [Fact]
    public async Task SetupRunTwice_ChangesNothing_NoRowRewrittenNoObjectRecreated()
    {
        await database.CreateSchemaAsync();
        var queries = await QueryRowsAsync();
        var objects = await SchemaObjectsAsync();

        await database.CreateSchemaAsync();

        // xmin is the transaction that last wrote a row: equal means the second run rewrote nothing.
        Assert.Equal(queries, await QueryRowsAsync());
        Assert.Equal(objects, await SchemaObjectsAsync());
        Assert.Contains(objects, o => o.StartsWith("iea_grain_state ", StringComparison.Ordinal));
        Assert.Equal(20, queries.Count);
    }

    [Fact]
    public async Task TheQueryTable_HasARowForEveryKeyTheProviderAssembliesAskFor()
    {
        await database.CreateSchemaAsync();
        var keys = (await QueryRowsAsync()).Select(row => row.Key).ToHashSet();

        var clustering = StoredQueryKeys(typeof(AdoNetClusteringSiloOptions).Assembly);
        var reminders = StoredQueryKeys(typeof(AdoNetReminderTableOptions).Assembly);

        Assert.Equal(9, clustering.Count);
        Assert.Equal(7, reminders.Count);
        // 10.4.2's clustering provider also names CleanupDefunctSiloEntryKey (the per-row cleanup of newer sources) without
        // requiring it: the row is there for when it is used; nothing else is extra.
        var expected = clustering.Concat(reminders).Concat(PersistenceKeys).Append(OptionalClusteringKey);
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AChangedQueryText_IsPutBack_AndOnlyThatRowIsRewritten()
    {
        await database.CreateSchemaAsync();
        var before = await QueryRowsAsync();
        await database.ExecuteAsync("UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'GatewaysQueryKey'");

        await database.CreateSchemaAsync();

        var after = await QueryRowsAsync();
        Assert.Equal(before.Select(r => (r.Key, r.Text)), after.Select(r => (r.Key, r.Text)));
        var rewritten = before.Zip(after).Where(pair => pair.First.Version != pair.Second.Version).Select(pair => pair.First.Key);
        Assert.Equal(["GatewaysQueryKey"], rewritten);
    }

    [Fact]
    public async Task ConcurrentSetupsOnAnEmptyDatabase_AllSucceed_AndLeaveOneSchema()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(fresh.CreateSchemaAsync)));

            var keys = await fresh.QueryAsync("SELECT count(*) FROM orleansquery", r => r.GetInt64(0));
            Assert.Equal(20, keys.Single());
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    /// <summary>The rows are what the providers need, not decoration: without one, a silo does not start, and says which.</summary>
    [Fact]
    public async Task WithAClusteringQueryRowMissing_ASiloDoesNotStart_AndTheErrorNamesTheKey()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        try
        {
            await fresh.CreateSchemaAsync();
            await fresh.ExecuteAsync("DELETE FROM orleansquery WHERE querykey = 'UpdateIAmAlivetimeKey'");

            var failure = await Record.ExceptionAsync(() => PostgresSilo.StartAsync(fresh.ConnectionString, "missing-key"));

            Assert.NotNull(failure);
            Assert.Contains("UpdateIAmAlivetimeKey", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    /// <summary>Users of other stores do not get Npgsql: the grains' assembly names neither it nor the ADO.NET providers.</summary>
    [Fact]
    public void TheOrleansGrainsAssembly_ReferencesNoNpgsqlAndNoAdoNetProvider()
    {
        var references = typeof(ImportErrorAnalyticsGrainOptions).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.Contains("Orleans.Core", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Npgsql", StringComparison.Ordinal) || name.Contains("AdoNet", StringComparison.Ordinal));
        Assert.Contains("Npgsql", typeof(OrleansPostgresSchema).Assembly.GetReferencedAssemblies().Select(name => name.Name));
    }

    /// <summary>The keys a clustering or reminders assembly requires: the properties of its compiled-in DbStoredQueries.</summary>
    private static HashSet<string> StoredQueryKeys(Assembly provider)
    {
        var stored = provider.GetTypes().Single(type => type.Name == "DbStoredQueries");
        return stored.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(property => property.Name)
            .Where(name => name.EndsWith("Key", StringComparison.Ordinal))
            .ToHashSet();
    }

    private Task<List<(string Key, string Text, string Version)>> QueryRowsAsync() =>
        database.QueryAsync(
            "SELECT querykey, querytext, xmin::text FROM orleansquery ORDER BY querykey",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)));

    /// <summary>The tables, indexes and constraints in the schema, each with the transaction that created it.</summary>
    private Task<List<string>> SchemaObjectsAsync() =>
        database.QueryAsync(
            """
            SELECT c.relname || ' ' || c.relkind::text || ' ' || c.xmin::text FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema()
            UNION ALL
            SELECT con.conname || ' constraint ' || con.xmin::text FROM pg_constraint con
            JOIN pg_namespace n ON n.oid = con.connamespace
            WHERE n.nspname = current_schema()
            ORDER BY 1
            """,
            r => r.GetString(0));
}
