using System.Text.Json;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The runtime settings <c>iea</c> ships in <c>iea.runtimeconfig.json</c> (so <c>dotnet iea.dll</c> and the installed tool
/// both run with them): no dynamic PGO instrumentation and no unoptimized loops in a process that lives for a second.
/// </summary>
public class RuntimeSettingsTests
{
    [Fact]
    public void TheBuiltCli_RunsWithTheSettingsOfAShortLivedProcess() =>
        AssertShortLivedProcessSettings(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "iea.runtimeconfig.json")));

    internal static void AssertShortLivedProcessSettings(string runtimeConfig)
    {
        using var document = JsonDocument.Parse(runtimeConfig);
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean());
    }
}
