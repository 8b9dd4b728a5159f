namespace ImportErrorAnalytics.Cli;

/// <summary>The exit codes of <c>iea</c>; documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>The report was written.</summary>
    public const int Success = 0;

    /// <summary>Reserved for tripped quality gates: 1 never means anything else.</summary>
    public const int GateTripped = 1;

    /// <summary>The command line is wrong (unknown option, missing or out-of-range value).</summary>
    public const int Usage = 2;

    /// <summary>An input file or directory does not exist or cannot be read.</summary>
    public const int InputNotFound = 3;

    /// <summary>An input is malformed (the message names source, page, byte offset and record).</summary>
    public const int MalformedData = 4;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
