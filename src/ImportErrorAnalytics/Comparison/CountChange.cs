namespace ImportErrorAnalytics.Comparison;

/// <summary>One row of a compared table (an error type, a column, an object type or a file) whose count changed.</summary>
public sealed class CountChange
{
    /// <summary>
    /// The row's key as the report names it: the error type, the object type, the column number or the file id (as text);
    /// <see langword="null"/> when the records had none.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>For a column: its property name (from the report after, else before); otherwise <see langword="null"/>.</summary>
    public string? Property { get; init; }

    /// <summary>True for the table's "other" row (the keys past the limit of distinct keys counted together).</summary>
    public bool Other { get; init; }

    /// <summary>Errors in the report before (0 when absent).</summary>
    public long Before { get; init; }

    /// <summary>Errors in the report after (0 when absent).</summary>
    public long After { get; init; }

    /// <summary><see cref="After"/> minus <see cref="Before"/>.</summary>
    public long Change => After - Before;

    /// <summary>How the count changed.</summary>
    public ChangeKind Kind { get; init; }
}
