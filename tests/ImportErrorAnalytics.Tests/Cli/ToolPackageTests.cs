using System.IO.Compression;
using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The install path exactly as the README gives it: its "Install as a tool" commands, word for word, in a fresh copy of
/// the repository (pack the solution into <c>./artifacts</c>, install the tool globally, run <c>iea demo</c>), with a
/// home of its own for the global tool. Slow (a Release build of the solution, tens of seconds), so it runs in a
/// collection of its own after the parallel tests: the build's CPU load does not slow their timings.
/// </summary>
[Collection(PackingTests.Name)]
public class ToolPackageTests(PackedPackages packed)
{
    [Fact]
    public void TheReadmesInstallCommands_RunWordForWord_InAFreshCopyOfTheRepository()
    {
        Assert.Collection(
            packed.Commands,
            pack => Assert.StartsWith("dotnet pack ImportErrorAnalytics.sln ", pack, StringComparison.Ordinal),
            install => Assert.StartsWith("dotnet tool install --global ", install, StringComparison.Ordinal),
            demo => Assert.StartsWith("iea demo", demo, StringComparison.Ordinal));
        Assert.Equal(packed.Commands.Count, packed.Results.Count);
        foreach (var result in packed.Results)
        {
            Assert.True(result.ExitCode == 0, result.Describe());
        }

        using var report = JsonDocument.Parse(packed.Results[^1].Stdout);
        Assert.Equal(3, report.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.True(report.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(60_000, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Contains("iea demo: the fake HubSpot answered", packed.Results[^1].Stderr, StringComparison.Ordinal);
        foreach (var id in new[] { "ImportErrorAnalytics", "ImportErrorAnalytics.Testing", "ImportErrorAnalytics.Tool" })
        {
            Assert.True(File.Exists(packed.PackagePath(id)), $"'{packed.PackagePath(id)}' was not produced.");
        }
    }

    [Fact]
    public async Task TheGlobalTool_PrintsItsVersion_AndTheReadmesUninstallCommandRemovesIt()
    {
        packed.ThrowIfNotInstalled();
        var version = await packed.RunAsync("iea --version");

        Assert.True(version.ExitCode == 0, version.Describe());
        var printed = version.Stdout.Trim();
        Assert.True(printed == packed.Version || printed.StartsWith(packed.Version + "+", StringComparison.Ordinal), version.Describe());

        var uninstall = await packed.RunAsync(ReadmeCommand("dotnet tool uninstall "));

        Assert.True(uninstall.ExitCode == 0, uninstall.Describe());
        Assert.False(File.Exists(Path.Combine(packed.GlobalTools, OperatingSystem.IsWindows() ? "iea.exe" : "iea")));
    }

    [Fact]
    public async Task WithToolPathInsteadOfGlobal_TheToolIsInstalledIntoAFolder()
    {
        packed.ThrowIfNotInstalled();
        var tools = Path.Combine(packed.Root, "tool-path");
        var install = packed.Commands.Single(c => c.StartsWith("dotnet tool install ", StringComparison.Ordinal))
            .Replace("--global", $"--tool-path {tools}", StringComparison.Ordinal);

        var installed = await packed.RunAsync(install);
        var demo = await Processes.RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "iea.exe" : "iea"), ["demo", "--errors", "2000"], packed.Root, environment: packed.Environment);

        Assert.True(installed.ExitCode == 0, installed.Describe());
        Assert.True(demo.ExitCode == 0, demo.Describe());
        using var report = JsonDocument.Parse(demo.Stdout);
        Assert.Equal(2000, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
    }

    /// <summary>The portable package is a tool of its own: where no RID-specific package fits, it is the one that runs.</summary>
    [Fact]
    public async Task ThePortablePackage_InstalledByItsOwnId_Runs()
    {
        packed.ThrowIfNotInstalled();
        var tools = Path.Combine(packed.Root, "portable");
        var install = packed.Commands.Single(c => c.StartsWith("dotnet tool install ", StringComparison.Ordinal))
            .Replace("--global", $"--tool-path {tools}", StringComparison.Ordinal)
            .Replace("ImportErrorAnalytics.Tool", "ImportErrorAnalytics.Tool.any", StringComparison.Ordinal);

        var installed = await packed.RunAsync(install);
        var report = await Processes.RunAsync(
            Path.Combine(tools, OperatingSystem.IsWindows() ? "iea.exe" : "iea"), ["report", "--input", Path.Combine("samples", "import-184448894")], packed.Repository, environment: packed.Environment);

        Assert.True(installed.ExitCode == 0, installed.Describe());
        Assert.True(report.ExitCode == 0, report.Describe());
        using var json = JsonDocument.Parse(report.Stdout);
        Assert.Equal(600, json.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.DoesNotContain(Directory.EnumerateFiles(tools, "*.dll", SearchOption.AllDirectories), dll => dll.Contains("linux-x64", StringComparison.Ordinal));
    }

    /// <summary>The README command in backticks that starts with <paramref name="start"/>.</summary>
    private static string ReadmeCommand(string start)
    {
        var readme = ReadmeText.Text;
        var at = readme.IndexOf("`" + start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README has no `{start}...` command.");
        return readme[(at + 1)..readme.IndexOf('`', at + 1)];
    }

    [Fact]
    public void TheToolPackage_IsADotnetToolNamedIea_PointingToALinuxX64PackageAndAPortableOne()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath("ImportErrorAnalytics.Tool"));
        var nuspec = ReadEntry(package, "ImportErrorAnalytics.Tool.nuspec");
        var settings = ReadEntry(package, "tools/any/any/DotnetToolSettings.xml");

        Assert.Contains("<packageType name=\"DotnetTool\" />", nuspec, StringComparison.Ordinal);
        Assert.Contains("Name=\"iea\"", settings, StringComparison.Ordinal);
        Assert.Contains("<RuntimeIdentifierPackage RuntimeIdentifier=\"linux-x64\" Id=\"ImportErrorAnalytics.Tool.linux-x64\" />", settings, StringComparison.Ordinal);
        Assert.Contains("<RuntimeIdentifierPackage RuntimeIdentifier=\"any\" Id=\"ImportErrorAnalytics.Tool.any\" />", settings, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.NotNull(package.GetEntry("README.md"));
    }

    /// <summary>
    /// The linux-x64 package holds ReadyToRun images (precompiled code beside the IL), the portable one IL only; both
    /// carry the dependencies and the runtime settings of a short-lived process.
    /// </summary>
    [Theory]
    [InlineData("linux-x64", true)]
    [InlineData("any", false)]
    public void EachToolPackage_CarriesTheToolItsDependenciesAndItsRuntimeSettings(string runtime, bool readyToRun)
    {
        using var package = ZipFile.OpenRead(packed.PackagePath("ImportErrorAnalytics.Tool." + runtime));
        var folder = $"tools/net10.0/{runtime}/";

        Assert.Contains("Name=\"iea\"", ReadEntry(package, folder + "DotnetToolSettings.xml"), StringComparison.Ordinal);
        Assert.NotNull(package.GetEntry(folder + "Spectre.Console.dll"));
        foreach (var assembly in new[] { "iea.dll", "ImportErrorAnalytics.dll", "System.CommandLine.dll" })
        {
            Assert.True(readyToRun == IsReadyToRun(package, folder + assembly), $"{folder}{assembly}: ReadyToRun should be {readyToRun}.");
        }

        RuntimeSettingsTests.AssertShortLivedProcessSettings(ReadEntry(package, folder + "iea.runtimeconfig.json"));
    }

    private static bool IsReadyToRun(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"'{name}' is not in the package.");
        using var image = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        using var reader = new PEReader(image);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    [Theory]
    [InlineData("ImportErrorAnalytics")]
    [InlineData("ImportErrorAnalytics.Testing")]
    public void TheLibraryPackages_CarryTheReadmeXmlDocsLicenseAndSymbols(string id)
    {
        using var package = ZipFile.OpenRead(packed.PackagePath(id));
        var nuspec = ReadEntry(package, id + ".nuspec");

        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.Contains("iea demo", ReadEntry(package, "README.md"), StringComparison.Ordinal);
        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.xml"));
        Assert.True(File.Exists(Path.ChangeExtension(packed.PackagePath(id), ".snupkg")), "no symbol package for " + id);
    }

    private static string ReadEntry(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"'{name}' is not in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}

/// <summary>Runs the packing tests alone, after the tests that run in parallel, sharing one <see cref="PackedPackages"/>.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackingTests : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packing";
}

/// <summary>
/// The README's "Install as a tool" commands, run once for the collection in a fresh copy of the repository (so they
/// neither see this checkout's build output nor write into it), each line through the shell as a user types it. The
/// global tool goes into a home of its own (<c>DOTNET_CLI_HOME</c>), never the user's; restore reads the usual package
/// cache. Everything is deleted afterwards.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private readonly List<ProcessResult> _results = [];

    /// <summary>A folder of its own: test runs side by side (other worktrees, other users) never share one.</summary>
    public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-pack-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The fresh copy of the repository the commands run in.</summary>
    public string Repository => Path.Combine(Root, "repository");

    /// <summary>The README's <c>./artifacts</c>: the packages.</summary>
    public string Packages => Path.Combine(Repository, "artifacts");

    /// <summary>Where <c>dotnet tool install --global</c> puts the tool under the home of its own.</summary>
    public string GlobalTools => Path.Combine(Root, "home", ".dotnet", "tools");

    /// <summary>The README's commands, one per line.</summary>
    public IReadOnlyList<string> Commands { get; } = ReadmeText.Commands("## Install as a tool");

    /// <summary>What each command did, in order, up to the first that failed.</summary>
    internal IReadOnlyList<ProcessResult> Results => _results;

    /// <summary>The version the packages get: the one this build of the CLI carries (without its +commit suffix).</summary>
    public string Version { get; } =
        (typeof(IeaCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>
    /// The shell's environment: the test run's <c>dotnet</c> first on PATH, then the global tools folder; a home of its
    /// own for the dotnet CLI (tools, first-run files, NuGet's settings), with the usual package cache; no MSBuild nodes
    /// left behind.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; private set; } = new Dictionary<string, string?>();

    /// <summary>A package of <c>./artifacts</c>; the tool's RID-specific ones are named <c>ImportErrorAnalytics.Tool.linux-x64</c> and <c>ImportErrorAnalytics.Tool.any</c>.</summary>
    public string PackagePath(string id) => Path.Combine(Packages, $"{id}.{Version}.nupkg");

    /// <summary>Runs one command line through the shell in the repository copy.</summary>
    internal Task<ProcessResult> RunAsync(string commandLine, TimeSpan? timeout = null) =>
        OperatingSystem.IsWindows()
            ? Processes.RunAsync("cmd.exe", ["/d", "/c", commandLine], Repository, timeout, Environment)
            : Processes.RunAsync("/bin/sh", ["-c", commandLine], Repository, timeout, Environment);

    /// <summary>Stops a test that needs the installed tool when the README's commands did not all succeed.</summary>
    public void ThrowIfNotInstalled()
    {
        if (_results.Count != Commands.Count || _results.Any(r => r.ExitCode != 0))
        {
            throw new Xunit.Sdk.XunitException("The README's install commands failed: " + string.Join(System.Environment.NewLine, _results.Select(r => r.Describe())));
        }
    }

    public async Task InitializeAsync()
    {
        RepositoryCopy.Create(SamplePaths.RepositoryRoot, Repository);
        var dotnetFolder = Path.IsPathRooted(Processes.Dotnet) ? Path.GetDirectoryName(Processes.Dotnet) + Path.PathSeparator : "";
        Environment = new Dictionary<string, string?>
        {
            ["PATH"] = dotnetFolder + GlobalTools + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
            ["DOTNET_CLI_HOME"] = Path.Combine(Root, "home"),
            ["NUGET_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
                ? packages
                : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        foreach (var command in Commands)
        {
            // A Release build of the solution: minutes on a busy 2-core machine, so a generous limit.
            ProcessResult result;
            try
            {
                result = await RunAsync(command, TimeSpan.FromMinutes(20));
            }
            catch (TimeoutException ex)
            {
                result = new ProcessResult(command, -1, "", ex.Message, TimeSpan.FromMinutes(20));
            }

            _results.Add(result);
            if (result.ExitCode != 0)
            {
                break;
            }
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }
}
