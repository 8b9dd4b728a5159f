using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> into a temporary folder, <c>dotnet tool install</c> from it into a
/// temporary tool path, then the installed <c>iea</c>. Slow (a Release build of three projects, tens of seconds), so it
/// runs in a collection of its own after the parallel tests: the build's CPU load does not slow their timings.
/// </summary>
[Collection(PackingTests.Name)]
public class ToolPackageTests(PackedPackages packed)
{
    [Fact]
    public async Task TheToolInstalledFromItsPackage_RunsTheDemoAndPrintsItsVersion()
    {
        var tools = Path.Combine(packed.Root, "tools");
        var install = await Processes.RunAsync(
            Processes.Dotnet,
            ["tool", "install", "ImportErrorAnalytics.Tool", "--tool-path", tools, "--configfile", packed.NuGetConfig, "--version", packed.Version],
            packed.Root);
        Assert.True(install.ExitCode == 0, install.Describe());

        var iea = Path.Combine(tools, OperatingSystem.IsWindows() ? "iea.exe" : "iea");
        var demo = await Processes.RunAsync(iea, ["demo", "--errors", "2000"], packed.Root);

        Assert.True(demo.ExitCode == 0, demo.Describe());
        using var report = JsonDocument.Parse(demo.Stdout);
        Assert.Equal(3, report.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.True(report.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(2000, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64());
        Assert.Contains("iea demo: the fake HubSpot answered", demo.Stderr, StringComparison.Ordinal);

        var version = await Processes.RunAsync(iea, ["--version"], packed.Root);

        Assert.True(version.ExitCode == 0, version.Describe());
        var printed = version.Stdout.Trim();
        Assert.True(printed == packed.Version || printed.StartsWith(packed.Version + "+", StringComparison.Ordinal), version.Describe());
    }

    [Fact]
    public void TheToolPackage_IsADotnetToolNamedIeaThatCarriesItsDependencies()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath("ImportErrorAnalytics.Tool"));
        var nuspec = ReadEntry(package, "ImportErrorAnalytics.Tool.nuspec");
        var settings = ReadEntry(package, "tools/net10.0/any/DotnetToolSettings.xml");

        Assert.Contains("<packageType name=\"DotnetTool\" />", nuspec, StringComparison.Ordinal);
        Assert.Contains("Name=\"iea\"", settings, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        Assert.NotNull(package.GetEntry("README.md"));
        Assert.NotNull(package.GetEntry("tools/net10.0/any/ImportErrorAnalytics.dll"));
        Assert.NotNull(package.GetEntry("tools/net10.0/any/Spectre.Console.dll"));
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
/// The CLI packed as a tool, and the library and Testing packages, in a temporary folder deleted afterwards. The build
/// goes to a temporary <c>--artifacts-path</c> (bin and obj, project.assets.json included), so it never writes into the
/// repository's bin/obj that the test run itself, or a build next to it, is using.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>A folder of its own: test runs side by side (other worktrees, other users) never share one.</summary>
    public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iea-pack-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Packages => Path.Combine(Root, "packages");

    /// <summary>A NuGet configuration whose only source is <see cref="Packages"/>: the install reads the freshly packed
    /// package and nothing else (no feed queried, no package of the same name and version from elsewhere).</summary>
    public string NuGetConfig => Path.Combine(Root, "nuget.config");

    /// <summary>The version the packages get: the one this build of the CLI carries (without its +commit suffix).</summary>
    public string Version { get; } =
        (typeof(IeaCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public string PackagePath(string id) => Path.Combine(Packages, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        var repository = SamplePaths.RepositoryRoot;
        var artifacts = Path.Combine(Root, "artifacts");

        // The CLI first: its Release build builds the library and Testing too; they are then packed from that build.
        await PackAsync(repository, artifacts, "src/ImportErrorAnalytics.Cli/ImportErrorAnalytics.Cli.csproj");
        await PackAsync(repository, artifacts, "src/ImportErrorAnalytics/ImportErrorAnalytics.csproj", "--no-build");
        await PackAsync(repository, artifacts, "src/ImportErrorAnalytics.Testing/ImportErrorAnalytics.Testing.csproj", "--no-build");

        await File.WriteAllTextAsync(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{Packages}" />
              </packageSources>
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task PackAsync(string repository, string artifacts, string project, params string[] extra)
    {
        string[] args = ["pack", project, "-c", "Release", "-o", Packages, "--artifacts-path", artifacts, "-nodeReuse:false", .. extra];
        var result = await Processes.RunAsync(Processes.Dotnet, args, repository, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, result.Describe());
    }

}

/// <summary>A child process with its output captured, killed (with its children) when it outlives its time.</summary>
internal static class Processes
{
    /// <summary>The <c>dotnet</c> that runs this test run, when known (the CLI passes it to its children), else the one on PATH.</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host
            : "dotnet";

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands the test host MSBuild's own variables (MSBuildExtensionsPath, MSBuildSDKsPath,
        // MSBUILD_EXE_PATH, ...); a nested dotnet must resolve its SDK from global.json like a user's shell would.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (Path.IsPathRooted(Dotnet) && !start.Environment.ContainsKey("DOTNET_ROOT"))
        {
            // The installed tool's launcher finds the runtime here even when dotnet is not in a default location.
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Dotnet);
        }

        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {limit}:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return new ProcessResult($"{fileName} {string.Join(' ', start.ArgumentList)}", process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
    }
}

internal sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Describe() =>
        $"'{CommandLine}' exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s.{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}
