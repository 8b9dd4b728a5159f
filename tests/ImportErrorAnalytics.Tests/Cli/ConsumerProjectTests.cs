using System.Text.Json;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// A project that only references the freshly packed ImportErrorAnalytics package gets the IEA rules and the
/// <c>[ErrorAggregator]</c> generator in its build, with no extra step: it sees IEA0001 and IEA0002, a pragma silences
/// IEA0008, and the library guide's (docs/library.md) generated-aggregator program compiles (warnings as errors) and writes its result into the report.
/// </summary>
[Collection(PackingTests.Name)]
[Slow(SlowKind.Packaging)]
public class ConsumerProjectTests(PackedPackages packed)
{
    [Fact]
    public async Task AProjectReferencingThePackage_SeesTheIeaDiagnostics_AndRunsTheErrorAggregatorGenerator()
    {
        // Outside the packing folder, whose nuget.config clears every other source (the consumer also needs the feed).
        using var temp = new TempDirectory();
        var directory = temp.Path;
        await File.WriteAllTextAsync(Path.Combine(directory, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <!-- The generated code must compile cleanly; the two rules this project breaks on purpose stay warnings. -->
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>IEA0001;IEA0002</WarningsNotAsErrors>
                <!-- A package cache of its own: no other copy of this version can stand in for the fresh one. -->
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ImportErrorAnalytics" Version="{{packed.Version}}" />
                <!-- HubSpotAccessToken (IEA0002) is the HubSpot package's. -->
                <PackageReference Include="ImportErrorAnalytics.HubSpot" Version="{{packed.Version}}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packed.Packages}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Rules.cs"), """
            using ImportErrorAnalytics.Model;
            using ImportErrorAnalytics.HubSpot;

            internal static class Rules
            {
                public static string Broken() =>
                    HubSpotNames.IsKnownErrorType("INVALID_EMIAL") + " " + HubSpotAccessToken.From("pat-na1-11111111-2222-3333-4444-555555555555");
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "OverThreshold.cs"), """
            using ImportErrorAnalytics.Aggregation;
            using ImportErrorAnalytics.Model;

            // No parameterless constructor: AddGeneratedAggregators() leaves it out (IEA0008), which is intended here.
            #pragma warning disable IEA0008
            [ErrorAggregator]
            public sealed partial class OverThreshold(long threshold) : IErrorAggregator<long[], bool>
            #pragma warning restore IEA0008
            {
                public long[] CreateState() => new long[1];
                public void Add(long[] state, in ImportErrorRecord record) => state[0]++;
                public void Merge(long[] into, long[] other) => into[0] += other[0];
                public bool GetResult(long[] state) => state[0] > threshold;
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), ReadmeProgram());

        var build = await Processes.RunAsync(Processes.Dotnet, ["build", "-nodeReuse:false"], directory, TimeSpan.FromMinutes(5));

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Contains("warning IEA0001", build.Stdout, StringComparison.Ordinal);
        Assert.Contains("INVALID_EMAIL", build.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning IEA0002", build.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("IEA0008", build.Stdout, StringComparison.Ordinal);

        var run = await Processes.RunAsync(Processes.Dotnet, ["run", "--no-build"], directory, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Describe());
        using var report = JsonDocument.Parse(run.Stdout);
        var errors = report.RootElement.GetProperty("totals").GetProperty("errors").GetInt64();
        var columns = report.RootElement.GetProperty("custom").GetProperty("errorsPerColumn");
        Assert.Equal(600, errors);
        Assert.Equal(errors, columns.GetProperty("withoutColumn").GetInt64() + columns.GetProperty("columns").EnumerateArray().Sum(c => c.GetProperty("errors").GetInt64()));
        Assert.StartsWith("#", columns.GetProperty("columns")[0].GetProperty("column").GetString(), StringComparison.Ordinal);
        Assert.False(report.RootElement.GetProperty("custom").TryGetProperty("overThreshold", out _));
    }

    /// <summary>docs/library.md's <c>[ErrorAggregator]</c> example, reading the committed sample import.</summary>
    private static string ReadmeProgram()
    {
        var program = ReadmeText.Block("### Generated aggregators: `[ErrorAggregator]`", "csharp", "docs/library.md");
        Assert.Contains("\"samples/import-184448894\"", program, StringComparison.Ordinal);
        return program.Replace("\"samples/import-184448894\"", JsonSerializer.Serialize(SamplePaths.ImportDirectory), StringComparison.Ordinal);
    }
}
