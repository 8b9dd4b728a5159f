namespace ImportErrorAnalytics.Model;

/// <summary>
/// Where a record sits in the run's inputs: (source ordinal, page index, record index). Gives "first seen"
/// a meaning that does not depend on which worker saw a record first.
/// </summary>
internal readonly record struct RecordPosition(int Source, int Page, int Record) : IComparable<RecordPosition>
{
    public static RecordPosition Max => new(int.MaxValue, int.MaxValue, int.MaxValue);

    public int CompareTo(RecordPosition other)
    {
        var c = Source.CompareTo(other.Source);
        if (c != 0)
        {
            return c;
        }

        c = Page.CompareTo(other.Page);
        return c != 0 ? c : Record.CompareTo(other.Record);
    }

    public static bool operator <(RecordPosition left, RecordPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(RecordPosition left, RecordPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(RecordPosition left, RecordPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RecordPosition left, RecordPosition right) => left.CompareTo(right) >= 0;
}
