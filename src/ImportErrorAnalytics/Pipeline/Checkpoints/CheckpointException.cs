namespace ImportErrorAnalytics.Pipeline.Checkpoints;

/// <summary>A checkpoint file cannot be used: damaged, of another version, or of another import or settings.</summary>
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
}
