namespace ImportErrorAnalytics.Comparison;

/// <summary>A file is not a JSON report this version of the library reads (the message names the file and what is wrong).</summary>
public sealed class ReportFormatException : Exception
{
    /// <summary>A report format error with no message.</summary>
    public ReportFormatException()
    {
    }

    /// <summary>A report format error.</summary>
    /// <param name="message">Names the file and what is wrong with it.</param>
    public ReportFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A report format error with its cause.</summary>
    /// <param name="message">Names the file and what is wrong with it.</param>
    /// <param name="innerException">The cause.</param>
    public ReportFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
