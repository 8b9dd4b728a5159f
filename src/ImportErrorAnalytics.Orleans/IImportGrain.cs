namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// One HubSpot import of one account (key: <c>{accountId}/{importId}</c>; get it with
/// <see cref="ImportErrorAnalyticsGrainFactoryExtensions.GetImportGrain"/>). It reads the import's errors page by page
/// through the pipeline, saves its cursor and merged states in grain storage after each committed page, and keeps the
/// snapshot once done. Every request it sends first takes a permit from its account's budget. When its silo dies, the
/// next call to the grain (a status, a result, its account's roll-up) activates it on another silo, where it resumes
/// after the last saved page.
/// </summary>
[Alias("iea.IImportGrain")]
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the run, or resumes it: a running import goes on, a failed one resumes from its last saved page, a
    /// completed one stays as it is. Returns at once; the run goes on in the grain.
    /// </summary>
    [Alias("Start")]
    Task<ImportStatus> StartAsync();

    /// <summary>The import's status (activating the grain resumes an interrupted run).</summary>
    [Alias("GetStatus")]
    Task<ImportStatus> GetStatusAsync();

    /// <summary>The status and, once completed, the snapshot (see <see cref="ImportResult.CreateReportAsync"/>).</summary>
    [Alias("GetResult")]
    Task<ImportResult> GetResultAsync();
}
