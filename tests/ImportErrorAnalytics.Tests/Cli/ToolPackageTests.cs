using System.IO.Compression;
using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The install path exactly as the README gives it: its "Install as a tool" commands, word for word, in a fresh copy of
/// the repository (pack the solution into <c>./artifacts</c>, install the tool globally, run <c>iea demo</c>), with a
/// home of its own for the global tool. Slow (a Release build of the solution, tens of seconds), so it runs in a
/// collection of its own after the parallel tests: the build's CPU load does not slow their timings.
/// </summary>
[Collection(PackingTests.Name)]
[Slow(SlowKind.Packaging)]
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
        foreach (var id in new[] { "ImportErrorAnalytics", "ImportErrorAnalytics.HubSpot", "ImportErrorAnalytics.Testing", "ImportErrorAnalytics.Tool" })
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

    /// <summary>The portable package: the JIT build alone, IL only, with its dependencies and the runtime settings of a short-lived process.</summary>
    [Fact]
    public void ThePortablePackage_CarriesTheIlBuild_ItsDependenciesAndItsRuntimeSettings()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath("ImportErrorAnalytics.Tool.any"));
        const string folder = "tools/net10.0/any/";

        Assert.Contains("Name=\"iea\"", ReadEntry(package, folder + "DotnetToolSettings.xml"), StringComparison.Ordinal);
        Assert.NotNull(package.GetEntry(folder + "Spectre.Console.dll"));
        foreach (var assembly in new[] { "iea.dll", "ImportErrorAnalytics.dll", "System.CommandLine.dll" })
        {
            Assert.False(IsReadyToRun(package, folder + assembly), $"{folder}{assembly} should be IL only.");
        }

        RuntimeSettingsTests.AssertShortLivedProcessSettings(ReadEntry(package, folder + "iea.runtimeconfig.json"));
    }

    /// <summary>
    /// The linux-x64 package: <c>iea</c> is a native executable (Native AOT), without the runtime's files, Roslyn or
    /// its symbols; beside it in <c>jit/</c> the JIT build (ReadyToRun images, the runtime settings of a short-lived
    /// process) that it hands <c>--aggregator</c> and <c>iea demo</c> to.
    /// </summary>
    [Fact]
    public void TheLinuxX64Package_CarriesTheNativeIea_AndTheJitBuildBesideIt()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath("ImportErrorAnalytics.Tool.linux-x64"));
        // A native (self-contained) tool's files sit under the framework-neutral "any".
        const string folder = "tools/any/linux-x64/";
        var settings = ReadEntry(package, folder + "DotnetToolSettings.xml");
        var files = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith(folder, StringComparison.Ordinal)).Select(n => n[folder.Length..]).ToList();

        Assert.Contains("Name=\"iea\" EntryPoint=\"iea\" Runner=\"executable\"", settings, StringComparison.Ordinal);
        Assert.Equal("\u007fELF"u8.ToArray(), ReadBytes(package, folder + "iea", 4));
        Assert.DoesNotContain(files, f => !f.Contains('/', StringComparison.Ordinal) && (f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".dbg", StringComparison.Ordinal)));
        foreach (var assembly in new[] { "iea.dll", "ImportErrorAnalytics.dll", "System.CommandLine.dll", "Microsoft.CodeAnalysis.CSharp.dll" })
        {
            Assert.True(IsReadyToRun(package, folder + "jit/" + assembly), $"{folder}jit/{assembly} should be a ReadyToRun image.");
        }

        Assert.Contains("jit/ImportErrorAnalytics.Analyzers.dll", files);
        Assert.Contains("jit/iea.deps.json", files);
        RuntimeSettingsTests.AssertShortLivedProcessSettings(ReadEntry(package, folder + "jit/iea.runtimeconfig.json"));
    }

    /// <summary>
    /// The native <c>iea</c> as installed: its report equals the JIT build's byte for byte; <c>--aggregator</c> runs in
    /// the JIT build with the same arguments, standard input and output, and exit codes (the README's <c>iea demo</c>
    /// went the same way in <see cref="TheReadmesInstallCommands_RunWordForWord_InAFreshCopyOfTheRepository"/>).
    /// </summary>
    [Fact]
    public async Task TheNativeTool_ReportsAsTheJitBuild_AndHandsAggregatorsToIt()
    {
        packed.ThrowIfNotInstalled();
        var tools = Path.Combine(packed.Root, "native");
        var installed = await packed.RunAsync(packed.Commands.Single(c => c.StartsWith("dotnet tool install ", StringComparison.Ordinal))
            .Replace("--global", $"--tool-path {tools}", StringComparison.Ordinal));
        Assert.True(installed.ExitCode == 0, installed.Describe());
        var iea = Path.Combine(tools, "iea");
        var jit = Directory.EnumerateFiles(Path.Combine(tools, ".store"), "iea.dll", SearchOption.AllDirectories).Single(f => f.Contains("/jit/", StringComparison.Ordinal));
        var sample = Path.Combine("samples", "import-184448894");
        var aggregator = Path.Combine("samples", "aggregators", "ErrorsPerObjectType.cs");

        var native = await Processes.RunAsync(iea, ["report", "--input", sample, "--out", Path.Combine(packed.Root, "native.json")], packed.Repository, environment: packed.Environment);
        var jitted = await Processes.RunAsync(Processes.Dotnet, [jit, "report", "--input", sample, "--out", Path.Combine(packed.Root, "jit.json")], packed.Repository, environment: packed.Environment);
        var custom = await Processes.RunAsync(iea, ["report", "--input", sample, "--aggregator", aggregator], packed.Repository, environment: packed.Environment);
        var piped = await packed.RunAsync($"{iea} report --input - --aggregator {aggregator} < {Path.Combine(sample, "page-00001.json")}");
        var missing = await Processes.RunAsync(iea, ["report", "--input", sample, "--aggregator", "no-such-file.cs"], packed.Repository, environment: packed.Environment);

        Assert.True(native.ExitCode == 0, native.Describe());
        Assert.True(jitted.ExitCode == 0, jitted.Describe());
        Assert.Equal(File.ReadAllBytes(Path.Combine(packed.Root, "jit.json")), File.ReadAllBytes(Path.Combine(packed.Root, "native.json")));
        Assert.True(custom.ExitCode == 0, custom.Describe());
        using (var report = JsonDocument.Parse(custom.Stdout))
        {
            Assert.Equal(600, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
            Assert.Equal(JsonValueKind.Object, report.RootElement.GetProperty("custom").GetProperty("errorsPerObjectType").ValueKind);
        }

        Assert.True(piped.ExitCode == 0, piped.Describe());
        using (var report = JsonDocument.Parse(piped.Stdout))
        {
            Assert.Equal(100, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
            Assert.Equal(JsonValueKind.Object, report.RootElement.GetProperty("custom").GetProperty("errorsPerObjectType").ValueKind);
        }

        Assert.True(missing.ExitCode == ExitCodes.InputNotFound, missing.Describe());
        Assert.Contains("cannot read aggregator file", missing.Stderr, StringComparison.Ordinal);
    }

    private static byte[] ReadBytes(ZipArchive package, string name, int count)
    {
        var entry = package.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"'{name}' is not in the package.");
        using var stream = entry.Open();
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
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
    [InlineData("ImportErrorAnalytics.HubSpot")]
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

    /// <summary>
    /// Makes sure the global tool is there for a test that runs <c>iea</c> as the README does: the README's install
    /// command runs again when another test of the collection (the uninstall one) removed it.
    /// </summary>
    public async Task EnsureToolInstalledAsync()
    {
        ThrowIfNotInstalled();
        if (File.Exists(Path.Combine(GlobalTools, OperatingSystem.IsWindows() ? "iea.exe" : "iea")))
        {
            return;
        }

        var install = await RunAsync(Commands.Single(c => c.StartsWith("dotnet tool install ", StringComparison.Ordinal)), TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException("The README's install command failed when run again: " + install.Describe());
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
