namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// A snapshot cannot be read: it is not a snapshot, it has a format version or an aggregator state version this build
/// does not read, it is truncated, or its checksum or content is wrong. Nothing of it was used.
/// </summary>
public sealed class SnapshotFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Names the snapshot and what is wrong with it.</param>
    public SnapshotFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Names the snapshot and what is wrong with it.</param>
    /// <param name="innerException">The error met while reading.</param>
    public SnapshotFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
