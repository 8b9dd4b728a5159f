using System.Runtime.Versioning;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// Every file of data <c>iea</c> writes (reports, per-import reports, snapshots, checkpoints) is readable and writable
/// by its owner only, whatever the umask, and leaves no temporary file behind; <c>IEA_FILE_MODE</c> widens it.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Slow(SlowKind.Process)]
public sealed class DataFilePermissionTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string In(string name) => Path.Combine(_temp.Path, name);

    private static async Task<(int Code, string Err)> Iea(string? token, params string[] args)
    {
        var variable = "IEA_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, token);
        try
        {
            var stderr = new StringWriter();
            var code = await IeaCommand.RunAsync(token is null ? args : [.. args, "--token-env", variable], TextWriter.Null, stderr);
            return (code, stderr.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>Every entry of the folder is an owner-only file (so no temporary file is left either).</summary>
    private void AssertEveryFileIsOwnerOnly(params string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in expected)
        {
            Assert.True(File.GetUnixFileMode(In(file)) == OwnerOnly, $"{file}: {File.GetUnixFileMode(In(file))}");
        }
    }

    [UnixFact]
    public async Task Report_Merge_AndDemo_WriteOwnerOnlyReportsAndSnapshots()
    {
        var report = await Iea(null, "report", "--input", SamplePaths.ImportDirectory, "--out", In("report.md"), "--format", "markdown", "--json-out", In("report.json"), "--markdown-out", In("also.md"), "--html-out", In("also.html"), "--snapshot", In("run.snap"));
        var merge = await Iea(null, "merge", In("run.snap"), "--out", In("merged.json"), "--snapshot", In("merged.snap"));
        var demo = await Iea(null, "demo", "--errors", "300", "--page-size", "100", "--no-faults", "--out", In("demo.json"), "--snapshot", In("demo.snap"));

        Assert.True(report.Code == ExitCodes.Success, report.Err);
        Assert.True(merge.Code == ExitCodes.Success, merge.Err);
        Assert.True(demo.Code == ExitCodes.Success, demo.Err);
        AssertEveryFileIsOwnerOnly("report.md", "report.json", "also.md", "also.html", "run.snap", "merged.json", "merged.snap", "demo.json", "demo.snap");
    }

    [UnixFact]
    public async Task SeveralImports_WriteOwnerOnlyCombinedAndPerImportReports()
    {
        var imports = FakeHubSpotImports.Imports(300, 200);
        await using var server = await FakeHubSpotImports.StartAsync(imports);

        var (code, stderr) = await Iea(
            server.AccessToken,
            "report", "--base-url", server.BaseAddress.ToString(), "--limit", "100", "--rate-limit", "10000",
            "--import-id", imports[0].Id, "--import-id", imports[1].Id, "--out", In("report.json"), "--markdown-out", In("report.md"), "--snapshot", In("imports.snap"));

        Assert.True(code == ExitCodes.Success, stderr);
        AssertEveryFileIsOwnerOnly("report.json", "report.md", "imports.snap", "report.5001.json", "report.5001.md", "report.5002.json", "report.5002.md");
    }

    [UnixFact]
    public async Task ACheckpointedRun_WritesAnOwnerOnlyCheckpoint()
    {
        var import = FakeHubSpotRuns.Import(500);
        await using var server = await FakeHubSpotRuns.StartAsync(import);

        var (code, stderr) = await Iea(
            server.AccessToken,
            "report", "--import-id", FakeHubSpotRuns.ImportId, "--base-url", server.BaseAddress.ToString(), "--limit", "100", "--checkpoint", In("run.checkpoint"), "--out", In("report.json"));

        Assert.True(code == ExitCodes.Success, stderr);
        AssertEveryFileIsOwnerOnly("run.checkpoint", "report.json");
    }

    [UnixFact]
    public async Task TheCheckpointStore_ReplacesItsFileOwnerOnly_EachSave()
    {
        var path = In("store.checkpoint");
        await File.WriteAllTextAsync(path, "an older checkpoint, readable by all");
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var store = new FileCheckpointStore(path);

        await store.SaveAsync("{\"first\":1}"u8.ToArray(), CancellationToken.None);
        await store.SaveAsync("{\"second\":2}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("{\"second\":2}"u8.ToArray(), await store.LoadAsync(CancellationToken.None));
        AssertEveryFileIsOwnerOnly("store.checkpoint");
    }

    /// <summary>The environment variable is read by the process, so this runs <c>iea</c> as a child with it set.</summary>
    [UnixFact]
    public async Task IeaFileMode_WidensTheFiles_AndABadValueIsAUsageError()
    {
        var iea = typeof(IeaCommand).Assembly.Location;
        string[] report = [iea, "report", "--input", SamplePaths.ImportDirectory, "--out", In("report.json"), "--snapshot", In("run.snap")];

        var widened = await Processes.RunAsync(Processes.Dotnet, report, _temp.Path, environment: new Dictionary<string, string?> { ["IEA_FILE_MODE"] = "640" });
        var bad = await Processes.RunAsync(Processes.Dotnet, [iea, "report", "--input", SamplePaths.ImportDirectory, "--out", In("bad.json")], _temp.Path, environment: new Dictionary<string, string?> { ["IEA_FILE_MODE"] = "666x" });

        Assert.True(widened.ExitCode == 0, widened.Describe());
        var groupReadable = OwnerOnly | UnixFileMode.GroupRead;
        Assert.Equal(groupReadable, File.GetUnixFileMode(In("report.json")));
        Assert.Equal(groupReadable, File.GetUnixFileMode(In("run.snap")));
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("iea: IEA_FILE_MODE must be an octal file mode of at most 0777 that keeps the owner's read and write (600, 640, 644), not '666x'.", bad.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(In("bad.json")));
    }
}
