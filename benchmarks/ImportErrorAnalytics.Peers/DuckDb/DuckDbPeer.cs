using System.Data.Common;
using DuckDB.NET.Data;
using ImportErrorAnalytics.Peers.Answers;

namespace ImportErrorAnalytics.Peers.DuckDb;

/// <summary>
/// DuckDB, embedded through DuckDB.NET, computing the report's aggregates with <see cref="ReportSql"/> over page files:
/// what a user who knows SQL would write instead of running iea.
/// </summary>
public static class DuckDbPeer
{
    /// <summary>The largest JSON value DuckDB's reader accepts: iea's default page limit (DuckDB's own default is 16 MB).</summary>
    public const long MaximumObjectSize = 256L * 1024 * 1024;

    /// <summary>Runs every query over the <c>*.json</c> files of <paramref name="directory"/> and returns the answers.</summary>
    /// <param name="directory">The page files, one or more pages each.</param>
    /// <param name="top">Values listed per column (iea's <c>--top</c>).</param>
    /// <param name="clusterGap">Error-free lines allowed inside a cluster (iea's <c>--cluster-gap</c>).</param>
    /// <param name="displayLength">The length iea cuts shown values to.</param>
    /// <param name="showStandardSensitivity">Show <c>standard</c> values (iea's <c>--show-standard-sensitivity</c>).</param>
    /// <param name="threads">DuckDB's worker threads; <see langword="null"/>: its default, one per core.</param>
    public static PeerAnswers Run(string directory, int top = 10, int clusterGap = 10, int displayLength = 200, bool showStandardSensitivity = false, int? threads = null)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        if (threads is { } count)
        {
            Execute(connection, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET threads = {count}"));
        }

        Execute(connection, ReportSql.LoadErrors(Path.Combine(Path.GetFullPath(directory), "*.json"), showStandardSensitivity, MaximumObjectSize));

        var (errors, redacted) = Single(connection, ReportSql.Totals, r => (r.GetInt64(0), r.GetInt64(1)));
        var columnTypes = Rows(connection, ReportSql.ColumnErrorTypes, r => (Column: NullableInt(r, 0), Type: NullableString(r, 1), Count: r.GetInt64(2)))
            .ToLookup(x => x.Column);
        var clusters = Rows(connection, ReportSql.Clusters(clusterGap), r => (File: NullableLong(r, 0), Cluster: new ClusterAnswer(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4))))
            .ToLookup(x => x.File);
        var topValues = Rows(connection, ReportSql.TopValues(top), r => (
                Column: NullableInt(r, 0), Counted: r.GetInt64(1), Distinct: r.GetInt64(2), Sensitive: r.GetBoolean(4), Value: NullableString(r, 5), Count: r.GetInt64(6)))
            .GroupBy(x => x.Column);

        return new PeerAnswers
        {
            Errors = errors,
            RedactedValues = redacted,
            ErrorTypes = Rows(connection, ReportSql.ErrorTypes, r => new KeyCount(NullableString(r, 0), r.GetInt64(1))),
            ObjectTypes = Rows(connection, ReportSql.ObjectTypes, r => new KeyCount(NullableString(r, 0), r.GetInt64(1))),
            Columns = Rows(connection, ReportSql.Columns, r => new ColumnAnswer(
                NullableInt(r, 0),
                NullableString(r, 2),
                r.GetInt64(1),
                [.. columnTypes[NullableInt(r, 0)].Select(t => new KeyCount(t.Type, t.Count))])),
            TopValues = [.. topValues.Select(column => new ColumnValuesAnswer(
                column.Key,
                Exact: true,
                column.First().Counted,
                column.First().Distinct,
                [.. column.Select(v => v.Sensitive
                    ? new ValueAnswer(null, null, v.Count, 0)
                    : new ValueAnswer(ValueDisplay.Of(v.Value!, displayLength), v.Value!.Length, v.Count, 0))]))],
            Files = Rows(connection, ReportSql.Files, r => new FileAnswer(
                NullableLong(r, 0),
                r.GetInt64(1),
                r.GetInt64(2),
                r.GetInt64(3),
                r.GetInt64(4),
                clusters[NullableLong(r, 0)].Count(),
                [.. clusters[NullableLong(r, 0)].Select(c => c.Cluster)])),
        };
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<T> Rows<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static T Single<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> read) => Rows(connection, sql, read).Single();

    private static int? NullableInt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static long? NullableLong(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
