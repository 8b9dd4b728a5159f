using System.Text.Json;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// What a user pulls by picking a package, checked on the freshly packed packages (<see cref="PackedPackages"/>): a
/// project that references only <c>ImportErrorAnalytics</c> (it reads files) restores no HTTP and no Polly package,
/// while one that references <c>ImportErrorAnalytics.HubSpot</c> gets Polly and the HTTP client factory with it.
/// </summary>
[Collection(PackingTests.Name)]
[Slow(SlowKind.Packaging)]
public class PackageDependencyTests(PackedPackages packed)
{
    [Fact]
    public async Task AConsumerOfTheCorePackage_RestoresNoHttpAndNoPollyPackage()
    {
        var libraries = await RestoreAsync("ImportErrorAnalytics");

        Assert.Contains($"ImportErrorAnalytics/{packed.Version}", libraries);
        Assert.DoesNotContain(libraries, library => IsHttpOrPolly(library));
        Assert.DoesNotContain(libraries, library => library.StartsWith("ImportErrorAnalytics.HubSpot/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConsumerOfTheHubSpotPackage_GetsPollyAndTheHttpClientFactory_AndTheCorePackage()
    {
        var libraries = await RestoreAsync("ImportErrorAnalytics.HubSpot");

        Assert.Contains($"ImportErrorAnalytics/{packed.Version}", libraries);
        Assert.Contains(libraries, library => library.StartsWith("Polly.Core/", StringComparison.Ordinal));
        Assert.Contains(libraries, library => library.StartsWith("Microsoft.Extensions.Http/", StringComparison.Ordinal));
    }

    private static bool IsHttpOrPolly(string library) =>
        library.StartsWith("Polly", StringComparison.OrdinalIgnoreCase)
        || library.StartsWith("Microsoft.Extensions.Http", StringComparison.OrdinalIgnoreCase)
        || library.StartsWith("System.Net.Http", StringComparison.OrdinalIgnoreCase);

    /// <summary>Restores a project referencing <paramref name="packageId"/> only; returns its assets' libraries (<c>id/version</c>).</summary>
    private async Task<IReadOnlyList<string>> RestoreAsync(string packageId)
    {
        // Outside the packing folder, whose nuget.config clears every other source (the consumer also needs the feed).
        using var temp = new TempDirectory();
        var directory = temp.Path;
        await File.WriteAllTextAsync(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <!-- A package cache of its own: no other copy of this version can stand in for the fresh one. -->
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{packageId}" Version="{packed.Version}" />
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

        var restore = await Processes.RunAsync(Processes.Dotnet, ["restore", "-nodeReuse:false"], directory, TimeSpan.FromMinutes(5));

        Assert.True(restore.ExitCode == 0, restore.Describe());
        using var assets = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(directory, "obj", "project.assets.json")));
        return assets.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name).ToList();
    }
}
