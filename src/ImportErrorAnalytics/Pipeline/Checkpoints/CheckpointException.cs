namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>
/// A checkpoint cannot be used: it cannot be read, it is damaged or inconsistent, of another version, or of another
/// import or settings; or (<see cref="IsSaveFailure"/>) it cannot be saved.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the checkpoint could not be saved (a full disk, a missing directory, no permission): the run stopped
    /// after the last page it saved, and a later run resumes from there. False when the saved checkpoint cannot be used.
    /// </summary>
    public bool IsSaveFailure { get; init; }
}
