namespace ImportErrorAnalytics.Cli;

/// <summary>The exit codes of <c>iea</c>; documented in docs/command-line.md.</summary>
internal static class ExitCodes
{
    /// <summary>The report was written.</summary>
    public const int Success = 0;

    /// <summary>Reserved for tripped quality gates: 1 never means anything else.</summary>
    public const int GateTripped = 1;

    /// <summary>
    /// The command line is wrong (unknown option, missing or out-of-range value, options that do not go together), as the
    /// command line's own checks and the library's checks of the configuration built from it find before anything is read.
    /// Never an exception met while reading.
    /// </summary>
    public const int Usage = 2;

    /// <summary>An input file or directory (or an <c>--aggregator</c> file, a snapshot, or an input of <c>iea diff</c>) does not exist or cannot be read.</summary>
    public const int InputNotFound = 3;

    /// <summary>
    /// An input is malformed (the message names source, page, byte offset and record); for <c>iea diff</c>, an input that is
    /// neither a snapshot nor a JSON report of the current schema version (the message names the file).
    /// </summary>
    public const int MalformedData = 4;

    /// <summary>HubSpot refused the token (401), the token lacks the crm.import scope (403), or no token was found.</summary>
    public const int AuthenticationFailed = 5;

    /// <summary>HubSpot has no such import (404).</summary>
    public const int ImportNotFound = 6;

    /// <summary>The daily API limit is spent, or rate limiting outlasted the allowed wait.</summary>
    public const int RateLimited = 7;

    /// <summary>
    /// HubSpot refused the request (400 and other 4xx), or kept failing past the retry budget: 5xx, timeouts, cut bodies,
    /// and answers that are not what the endpoint returns (an import description or a list of imports that is not JSON
    /// or of another shape).
    /// </summary>
    public const int HubSpotFailed = 8;

    /// <summary>The checkpoint file cannot be read, is damaged or inconsistent, or belongs to another import or other settings.</summary>
    public const int CheckpointUnusable = 9;

    /// <summary>A quality gate cannot be evaluated (e.g. an error-rate gate without the import's row total).</summary>
    public const int GateUnavailable = 10;

    /// <summary>Code from an <c>--aggregator</c> file threw while the report was built or written.</summary>
    public const int CustomAggregatorFailed = 11;

    /// <summary>
    /// A snapshot cannot be read: not a snapshot, another format version, truncated or corrupted, or content whose parts
    /// disagree (a forged or hand-edited file with a valid checksum).
    /// </summary>
    public const int SnapshotUnreadable = 12;

    /// <summary>Snapshots must not be merged: different settings or aggregators, or the same run or import twice.</summary>
    public const int SnapshotsIncompatible = 13;

    /// <summary>
    /// An output cannot be written: a report (standard output, <c>--out</c>, <c>--json-out</c>, <c>--markdown-out</c>, <c>--html-out</c>,
    /// an import's report beside them), the <c>--snapshot</c>, the <c>--checkpoint</c>, the <c>--failed-rows</c> CSV (or its
    /// spill files beside it), or the job summary
    /// (<c>--github-summary</c> without <c>GITHUB_STEP_SUMMARY</c>, or its file). The message names the file.
    /// </summary>
    public const int OutputFailed = 14;

    /// <summary>An unexpected failure inside iea (a bug): the message is on stderr.</summary>
    public const int InternalError = 70;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
