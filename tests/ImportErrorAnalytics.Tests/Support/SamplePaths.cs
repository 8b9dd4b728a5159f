namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Files of the repository the tests read: the committed samples, and the repository root itself.</summary>
internal static class SamplePaths
{
    /// <summary>The folder holding <c>ImportErrorAnalytics.sln</c>, found above the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The sample import committed under <c>samples/</c>.</summary>
    public static string ImportDirectory => Path.Combine(RepositoryRoot, "samples", "import-184448894");

    /// <summary>The documented custom-aggregator sample.</summary>
    public static string AggregatorSample => Path.Combine(RepositoryRoot, "samples", "aggregators", "ErrorsPerObjectType.cs");

    private static string FindRepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "ImportErrorAnalytics.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new DirectoryNotFoundException("ImportErrorAnalytics.sln not found above the test assembly.");
        }

        return directory;
    }
}
