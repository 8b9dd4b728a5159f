using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Reporting;

/// <summary>The blocks of failing rows of one file.</summary>
public sealed class FileLineClusters
{
    /// <summary><c>sourceData.fileId</c>, or <see langword="null"/> for records without one.</summary>
    public long? FileId { get; init; }

    /// <summary>All errors of the file.</summary>
    public long Errors { get; init; }

    /// <summary>Errors on line 0: about the whole file.</summary>
    public long FileWideErrors { get; init; }

    /// <summary>Errors without a line number.</summary>
    public long ErrorsWithoutLine { get; init; }

    /// <summary>Distinct failing lines.</summary>
    public long Lines { get; init; }

    /// <summary>All clusters of the file (the list may be cut to the largest).</summary>
    public int ClusterCount { get; init; }

    /// <summary>The clusters, by errors descending, then first line.</summary>
    public required IReadOnlyList<LineCluster> Clusters { get; init; }

    /// <summary>
    /// True for the one row that counts the errors of the files (its <see cref="FileId"/> is null; lines of different files are not clustered, so it has no lines and no clusters) past the run's limit of distinct keys
    /// (<see cref="Pipeline.AnalyzerOptions.MaxDistinctKeys"/>) together; written only when true.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Other { get; init; }
}

/// <summary>A block of failing rows: no more than the gap of error-free lines between two failing lines.</summary>
public sealed class LineCluster
{
    /// <summary>The first failing line.</summary>
    public int FirstLine { get; init; }

    /// <summary>The last failing line.</summary>
    public int LastLine { get; init; }

    /// <summary>Distinct failing lines in the block.</summary>
    public int Lines { get; init; }

    /// <summary>Error records in the block.</summary>
    public long Errors { get; init; }
}
