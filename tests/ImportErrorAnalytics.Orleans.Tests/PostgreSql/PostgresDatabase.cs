using System.Net.Sockets;
using ImportErrorAnalytics.Orleans.PostgreSql;
using Npgsql;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// A PostgreSQL database of its own for one test class: <c>iea_test_&lt;random&gt;</c>, created through the server that
/// <see cref="Variable"/> names and dropped afterwards, so runs and classes never share state. Without that variable, or
/// with the server unreachable, it throws a message saying how to get one: the tests fail, they are not skipped.
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The environment variable with the tests' connection string (a role allowed to create databases).</summary>
    public const string Variable = "IEA_TEST_POSTGRES";

    private const string HowToStart =
        "Start the test server and set the variable with `eval \"$(bash .ci/postgres)\"` (as root: it starts PostgreSQL 15 " +
        "with pg_ctl and creates the role iea_test), or point " + Variable + " at a PostgreSQL 15+ server where the role " +
        "may CREATE DATABASE. .ci/run does this before the tests.";

    private string? _admin;
    private string? _connectionString;

    /// <summary>The database's name.</summary>
    public string Name { get; } = "iea_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A connection string for this database (the variable's, with the database replaced).</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created.");

    public virtual async Task InitializeAsync()
    {
        _admin = await ReachableAdminAsync(Environment.GetEnvironmentVariable(Variable));
        await ExecuteAsync(_admin, $"CREATE DATABASE \"{Name}\"");
        _connectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
    }

    public virtual async Task DisposeAsync()
    {
        if (_admin is null || _connectionString is null)
        {
            return;
        }

        using (var connection = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    /// <summary>Creates the Orleans schema in this database.</summary>
    public Task CreateSchemaAsync() => OrleansPostgresSchema.EnsureCreatedAsync(ConnectionString);

    /// <summary>The admin connection string, once a connection through it works; otherwise the reason and how to fix it.</summary>
    internal static async Task<string> ReachableAdminAsync(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"These tests need PostgreSQL, and {Variable} is not set. {HowToStart}");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return connectionString;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or ArgumentException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL, and the server {Variable} names cannot be used ({ex.GetType().Name}: {ex.Message}). {HowToStart}", ex);
        }
    }

    /// <summary>Runs one statement.</summary>
    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query in this database and reads every row with <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Runs one statement in this database.</summary>
    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);
}
