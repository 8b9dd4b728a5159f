using System.Text.Json;
using ImportErrorAnalytics.Cli.Hosting;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// How the native <c>iea</c> hands what needs the JIT to the JIT build beside it: the switch that marks the build, and
/// where the <c>dotnet</c> host is looked for. (The hand-off itself runs in <see cref="ToolPackageTests"/>, through the
/// installed tool.)
/// </summary>
public class JitBuildHandOffTests
{
    [Fact]
    public void TheJitBuild_RunsCustomAggregatorsAndTheDemoInProcess()
    {
        Assert.True(JitOnlyFeatures.IsSupported);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "iea.runtimeconfig.json")));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.TryGetProperty(JitOnlyFeatures.Switch, out _), "the switch is for the native build only");
    }

    [Fact]
    public void DotnetRootComesFirst_ThenThe64BitOne_IsLookedAtBeforeThePlainOne()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ROOT_X64"] = "/opt/x64",
            ["DOTNET_ROOT"] = "/opt/plain",
            ["PATH"] = "/usr/local/bin:/home/u/.dotnet",
        };

        Assert.Equal("/opt/x64/dotnet", Find(environment, ["/opt/x64/dotnet", "/opt/plain/dotnet", "/home/u/.dotnet/dotnet"]));
        Assert.Equal("/opt/plain/dotnet", Find(environment, ["/opt/plain/dotnet", "/home/u/.dotnet/dotnet"]));
    }

    [Fact]
    public void WithoutDotnetRoot_ThePathIsSearchedInOrder_ThenTheRegisteredLocation_ThenTheDefaults()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/local/bin:relative:/home/u/.dotnet" };
        var registered = new Dictionary<string, string> { ["/etc/dotnet/install_location"] = "/srv/dotnet\n" };

        Assert.Equal("/home/u/.dotnet/dotnet", Find(environment, ["/home/u/.dotnet/dotnet", "/srv/dotnet/dotnet"], registered));
        Assert.Equal("/srv/dotnet/dotnet", Find(environment, ["/srv/dotnet/dotnet", "/usr/share/dotnet/dotnet"], registered));
        Assert.Equal("/usr/share/dotnet/dotnet", Find(environment, ["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet"]));
        Assert.Equal("/usr/lib/dotnet/dotnet", Find(environment, ["/usr/lib/dotnet/dotnet"]));
    }

    [Fact]
    public void ARelativeCandidate_IsNeverTaken_AndNoHostGivesNull()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "bin:.", ["DOTNET_ROOT"] = "here" };

        Assert.Null(Find(environment, ["bin/dotnet", "./dotnet", "dotnet", "here/dotnet"]));
    }

    [Fact]
    public void ThisMachinesHost_IsFound()
    {
        var host = DotnetHost.Find();

        Assert.NotNull(host);
        Assert.True(File.Exists(host), host);
    }

    private static string? Find(Dictionary<string, string?> environment, string[] files, Dictionary<string, string>? registered = null) =>
        DotnetHost.Find(
            name => environment.GetValueOrDefault(name),
            files.Contains,
            path => registered is not null && registered.TryGetValue(path, out var text) ? text.Split('\n')[0] : null);
}
