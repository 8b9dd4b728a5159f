namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>A column as a dictionary key: <c>knownColumnNumber</c>, or <see cref="None"/> when absent.</summary>
internal static class ColumnKey
{
    public const long None = long.MinValue;

    public static long From(int? column) => column ?? None;

    public static int? ToColumn(long key) => key == None ? null : (int)key;

    /// <summary>Orders columns with the absent column last.</summary>
    public static int Compare(long a, long b) => a == b ? 0 : a == None ? 1 : b == None ? -1 : a.CompareTo(b);
}
