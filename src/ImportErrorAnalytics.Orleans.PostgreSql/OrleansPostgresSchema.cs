using Npgsql;

namespace ImportErrorAnalytics.Orleans.PostgreSql;

/// <summary>
/// Creates what Orleans' ADO.NET providers need in a PostgreSQL database: the <c>orleansquery</c> table with a row for
/// every query key of the clustering, grain storage and reminder providers, and the tables those queries use.
/// </summary>
/// <remarks>
/// The setup runs in one transaction and can run any number of times: tables are created only when missing and a query
/// row is rewritten only when its text changed, so a second run changes nothing. Concurrent runs (several silos
/// starting at once) wait for each other. Tables go into the first schema of the role's <c>search_path</c> (where the
/// providers look for <c>orleansquery</c>); on PostgreSQL 15 the role needs the CREATE right there, e.g. by owning the
/// database. PostgreSQL 15 or later is required (<c>UNIQUE NULLS NOT DISTINCT</c>).
/// </remarks>
public static class OrleansPostgresSchema
{
    /// <summary>The Orleans provider invariant for Npgsql, which every provider on this schema is configured with.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>An application-wide advisory lock key, so concurrent setups run one after the other.</summary>
    private const long SetupLockKey = 0x1EA0_0017;

    /// <summary>The scripts, in the order they run: the query table first, then one per provider.</summary>
    internal static readonly string[] ScriptNames = ["1-Queries.sql", "2-Clustering.sql", "3-Persistence.sql", "4-Reminders.sql"];

    /// <summary>
    /// Creates the tables and upserts the query rows, in one transaction; does nothing that is already done.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string for the database the silos and clients will use.</param>
    /// <param name="cancellationToken">Cancels the setup (the transaction is rolled back).</param>
    /// <returns>A task that completes when the schema is in place.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    /// <exception cref="NpgsqlException">The database cannot be reached or refused a statement (nothing is changed).</exception>
    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var connection = new NpgsqlConnection(connectionString);
        await using var ownedConnection = connection.ConfigureAwait(false);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var ownedTransaction = transaction.ConfigureAwait(false);
        var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        await using (lockCommand.ConfigureAwait(false))
        {
            lockCommand.Parameters.AddWithValue("key", SetupLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var name in ScriptNames)
        {
            var command = new NpgsqlCommand(Script(name), connection, transaction);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text of one of the embedded scripts.</summary>
    internal static string Script(string name)
    {
        var resource = "ImportErrorAnalytics.Orleans.PostgreSql.Sql." + name;
        using var stream = typeof(OrleansPostgresSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded script '{resource}' is missing from {typeof(OrleansPostgresSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
