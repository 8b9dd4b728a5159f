namespace ImportErrorAnalytics.Orleans;

/// <summary>Where an import grain's run is.</summary>
[GenerateSerializer]
public enum ImportState
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Reading pages; after a silo crash it resumes from its last saved page when the grain is next activated.</summary>
    Running,

    /// <summary>Every page was read; the snapshot is kept.</summary>
    Completed,

    /// <summary>HubSpot refused, or the data was malformed; <see cref="ImportStatus.Failure"/> says why. Starting it again resumes from the last saved page.</summary>
    Failed,
}
