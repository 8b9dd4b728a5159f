using System.Globalization;

namespace ImportErrorAnalytics.Peers.DuckDb;

/// <summary>
/// The SQL that computes iea's report aggregates in DuckDB, over the same page files. One scan of the JSON with an
/// explicit schema (only the fields the report reads) fills a temporary table of one row per error; the aggregates
/// are then grouped from that table.
/// <para>
/// Where DuckDB and iea can differ (none of it occurs in the generated corpora; see benchmarks/README.md):
/// DuckDB matches JSON keys without regard to case and keeps one of two equal keys, where iea matches exactly and
/// judges every occurrence (a second <c>dataSensitivity</c> can only raise the level); a field of the wrong JSON type
/// is cast or refused by DuckDB where iea reports the record as malformed; "first property name in input order"
/// is taken by file name, then position in the file's <c>results</c>, which is iea's order only while each file
/// holds one page; a value longer than iea's long-value threshold (804 bytes by default) is compared in full, where iea
/// compares its prefix, lengths and SHA-256 (the same grouping barring a hash collision) and orders it among equal
/// counts by that key.
/// </para>
/// </summary>
public static class ReportSql
{
    /// <summary>The fields of one error that the report reads, as DuckDB's <c>read_json</c> types them.</summary>
    private const string ResultType =
        "STRUCT(errorType VARCHAR, objectType VARCHAR, knownColumnNumber INTEGER, invalidValue VARCHAR, invalidValueToDisplay VARCHAR, " +
        "sourceData STRUCT(fileId BIGINT, lineNumber INTEGER, containsEncryptedProperties BOOLEAN), " +
        "invalidPropertyValue STRUCT(name VARCHAR, dataSensitivity VARCHAR, isEncrypted BOOLEAN, maskedSubstrings JSON))[]";

    /// <summary>
    /// The temporary table <c>e</c>: one row per error with its file name and position (for "first in input order"),
    /// its keys, its value (<c>invalidValue</c>, else <c>invalidValueToDisplay</c>) and whether the value is sensitive,
    /// by README's rule: encrypted (<c>isEncrypted</c> or <c>containsEncryptedProperties</c>), partly masked
    /// (<c>maskedSubstrings</c> other than null, <c>[]</c>, <c>{}</c> or an object whose only key <c>substrings</c> is
    /// null or <c>[]</c>), or an <c>invalidPropertyValue</c> object whose <c>dataSensitivity</c> is anything but exactly
    /// <c>none</c> (or <c>standard</c>, when those are shown), absent and null included.
    /// </summary>
    public static string LoadErrors(string filesPattern, bool showStandardSensitivity, long maximumObjectSize) => string.Create(CultureInfo.InvariantCulture, $$"""
        CREATE OR REPLACE TEMP TABLE e AS
        WITH pages AS (
            SELECT filename, results
            FROM read_json({{Literal(filesPattern)}}, format = 'unstructured', filename = true,
                           maximum_object_size = {{maximumObjectSize}}, columns = {results: '{{ResultType}}'})
        ), errors AS (
            SELECT filename, unnest(range(len(results))) AS i, unnest(results) AS r FROM pages
        )
        SELECT
            filename,
            i,
            r.errorType AS error_type,
            r.objectType AS object_type,
            r.knownColumnNumber AS col,
            coalesce(r.invalidValue, r.invalidValueToDisplay) AS value,
            r.invalidPropertyValue.name AS property,
            r.sourceData.fileId AS file_id,
            r.sourceData.lineNumber AS line,
            (coalesce(r.invalidPropertyValue.isEncrypted, false)
             OR coalesce(r.sourceData.containsEncryptedProperties, false)
             OR (r.invalidPropertyValue IS NOT NULL
                 AND r.invalidPropertyValue.dataSensitivity IS DISTINCT FROM 'none'
                 AND NOT ({{(showStandardSensitivity ? "true" : "false")}} AND r.invalidPropertyValue.dataSensitivity IS NOT DISTINCT FROM 'standard'))
             OR NOT {{MaskedIsEmpty("r.invalidPropertyValue.maskedSubstrings")}}) AS sensitive
        FROM errors
        """);

    public const string Totals = "SELECT count(*)::BIGINT, count_if(sensitive)::BIGINT FROM e";

    public const string ErrorTypes = "SELECT error_type, count(*)::BIGINT FROM e GROUP BY error_type";

    public const string ObjectTypes = "SELECT object_type, count(*)::BIGINT FROM e GROUP BY object_type";

    /// <summary>Per column: its errors and its first non-null property name by file name, then position in the file.</summary>
    public const string Columns = """
        SELECT col, count(*)::BIGINT, arg_min(property, {'f': filename, 'i': i}) FILTER (WHERE property IS NOT NULL)
        FROM e GROUP BY col
        """;

    public const string ColumnErrorTypes = "SELECT col, error_type, count(*)::BIGINT FROM e GROUP BY col, error_type";

    /// <summary>
    /// Per column: values counted, distinct values and the top <paramref name="top"/> (all sensitive values as one key),
    /// by count descending, then value (DuckDB compares VARCHAR by its UTF-8 bytes, as iea does), the redacted key last.
    /// </summary>
    public static string TopValues(int top) => string.Create(CultureInfo.InvariantCulture, $"""
        WITH counted AS (
            SELECT col, sensitive, CASE WHEN sensitive THEN NULL ELSE value END AS v, count(*)::BIGINT AS n
            FROM e WHERE value IS NOT NULL
            GROUP BY col, sensitive, v
        ), ranked AS (
            SELECT *,
                   row_number() OVER (PARTITION BY col ORDER BY n DESC, sensitive, v) AS rank,
                   (sum(n) OVER (PARTITION BY col))::BIGINT AS counted_values,
                   (count(*) OVER (PARTITION BY col))::BIGINT AS distinct_values
            FROM counted
        )
        SELECT col, counted_values, distinct_values, rank, sensitive, v, n
        FROM ranked WHERE rank <= {top}
        ORDER BY col, rank
        """);

    public const string Files = """
        SELECT file_id, count(*)::BIGINT, count_if(line = 0)::BIGINT, count_if(line IS NULL)::BIGINT,
               (count(DISTINCT line) FILTER (WHERE line >= 1))::BIGINT
        FROM e GROUP BY file_id
        """;

    /// <summary>
    /// Per file, its distinct failing lines (>= 1) in order, cut into clusters where more than <paramref name="gap"/>
    /// error-free lines separate two of them (gaps and islands: a running count of cluster starts).
    /// </summary>
    public static string Clusters(int gap) => string.Create(CultureInfo.InvariantCulture, $"""
        WITH lines AS (
            SELECT file_id, line::BIGINT AS line, count(*)::BIGINT AS n FROM e WHERE line >= 1 GROUP BY file_id, line
        ), starts AS (
            SELECT *, CASE WHEN line - lag(line) OVER (PARTITION BY file_id ORDER BY line) <= {gap + 1L} THEN 0 ELSE 1 END AS starts
            FROM lines
        ), numbered AS (
            SELECT *, sum(starts) OVER (PARTITION BY file_id ORDER BY line ROWS UNBOUNDED PRECEDING) AS cluster FROM starts
        )
        SELECT file_id, min(line)::INTEGER, max(line)::INTEGER, count(*)::INTEGER, sum(n)::BIGINT
        FROM numbered GROUP BY file_id, cluster
        """);

    /// <summary>Whether a <c>maskedSubstrings</c> JSON value says nothing was masked, as iea's parser judges it.</summary>
    private static string MaskedIsEmpty(string m) => $"""
        ({m} IS NULL OR json_type({m}) = 'NULL'
         OR (json_type({m}) = 'ARRAY' AND json_array_length({m}) = 0)
         OR (json_type({m}) = 'OBJECT'
             AND len(list_filter(json_keys({m}), k -> k <> 'substrings')) = 0
             AND (coalesce(json_type({m}, '$.substrings'), 'NULL') = 'NULL'
                  OR (json_type({m}, '$.substrings') = 'ARRAY' AND json_array_length({m}, '$.substrings') = 0))))
        """;

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
