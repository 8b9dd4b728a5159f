using Microsoft.Extensions.Logging;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>What an import grain logs: ids, silos, counts and failure messages; never a token.</summary>
internal sealed partial class ImportGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Import {AccountId}/{ImportId} starts on {Silo}.")]
    private static partial void LogStarting(ILogger logger, Untrusted accountId, Untrusted importId, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {AccountId}/{ImportId} resumes on {Silo} after its last saved page.")]
    private static partial void LogResuming(ILogger logger, Untrusted accountId, Untrusted importId, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {AccountId}/{ImportId} completed: {Pages} pages, {Errors} errors.")]
    private static partial void LogCompleted(ILogger logger, Untrusted accountId, Untrusted importId, long pages, long errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {AccountId}/{ImportId} failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {AccountId}/{ImportId} stopped with its activation; it resumes from its last saved page when activated again.")]
    private static partial void LogStopped(ILogger logger, Untrusted accountId, Untrusted importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {AccountId}/{ImportId} found its state written by another activation; this one deactivates.")]
    private static partial void LogSuperseded(ILogger logger, Untrusted accountId, Untrusted importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {AccountId}/{ImportId}: its failure could not be saved ({Reason}); this activation deactivates.")]
    private static partial void LogFailureNotSaved(ILogger logger, Untrusted accountId, Untrusted importId, Untrusted reason);
}
