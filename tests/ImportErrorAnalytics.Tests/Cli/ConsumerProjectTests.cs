namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// A project that only references the freshly packed ImportErrorAnalytics package gets the IEA rules in its build,
/// with no extra step.
/// </summary>
[Collection(PackingTests.Name)]
public class ConsumerProjectTests(PackedPackages packed)
{
    [Fact]
    public async Task AProjectReferencingThePackage_SeesTheIeaDiagnosticsInItsBuildOutput()
    {
        // Outside the packing folder, whose nuget.config clears every other source (the consumer also needs the feed).
        using var temp = new Support.TempDirectory();
        var directory = temp.Path;
        await File.WriteAllTextAsync(Path.Combine(directory, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <!-- A package cache of its own: no other copy of this version can stand in for the fresh one. -->
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ImportErrorAnalytics" Version="{{packed.Version}}" />
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
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), """
            using ImportErrorAnalytics.Model;
            using ImportErrorAnalytics.Sources.HubSpot;

            var token = HubSpotAccessToken.From("pat-na1-11111111-2222-3333-4444-555555555555");
            Console.WriteLine(HubSpotNames.IsKnownErrorType("INVALID_EMIAL") + " " + token);
            """);

        var build = await Processes.RunAsync(Processes.Dotnet, ["build", "-nodeReuse:false"], directory, TimeSpan.FromMinutes(5));

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Contains("warning IEA0001", build.Stdout, StringComparison.Ordinal);
        Assert.Contains("INVALID_EMAIL", build.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning IEA0002", build.Stdout, StringComparison.Ordinal);
    }
}
