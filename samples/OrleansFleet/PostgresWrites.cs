using Npgsql;

namespace OrleansFleet;

/// <summary>Rows inserted and updated per table of the Orleans schema, from PostgreSQL's statistics (<c>pg_stat_user_tables</c>).</summary>
internal static class PostgresWrites
{
    public static async Task<Dictionary<string, long>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The counters reach the view a moment after each transaction; ask for a fresh snapshot.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            "SELECT relname, n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname LIKE 'iea_%' ORDER BY relname", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var writes = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            writes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return writes;
    }
}
