namespace ImportErrorAnalytics.Tests.Support;

/// <summary>The sample import committed under <c>samples/</c>.</summary>
internal static class SamplePaths
{
    public static string ImportDirectory
    {
        get
        {
            var directory = AppContext.BaseDirectory;
            while (!Directory.Exists(Path.Combine(directory, "samples")))
            {
                directory = Path.GetDirectoryName(directory) ?? throw new DirectoryNotFoundException("samples/ not found above the test assembly.");
            }

            return Path.Combine(directory, "samples", "import-184448894");
        }
    }
}
