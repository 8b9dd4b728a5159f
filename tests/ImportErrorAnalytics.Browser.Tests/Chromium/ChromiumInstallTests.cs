namespace ImportErrorAnalytics.Browser.Tests.Chromium;

/// <summary>The browser is run only as pinned: anything else is refused before a byte of it is unpacked.</summary>
public sealed class ChromiumInstallTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("iea-chromium-").FullName;

    [Fact]
    public async Task ATarballWithAnotherHash_IsRefused_AndNothingIsUnpacked()
    {
        var forged = Path.Combine(_cache, "forged.tgz");
        await File.WriteAllBytesAsync(forged, new byte[4096]);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ChromiumInstall.EnsureAsync(Path.Combine(_cache, "cache"), forged, CancellationToken.None));

        Assert.Contains("SHA-512", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["install.lock"], Directory.EnumerateFileSystemEntries(Path.Combine(_cache, "cache")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ASourceThatIsNeitherAnAddressNorAFile_IsNamed_WithTheVariableThatSetsIt()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ChromiumInstall.EnsureAsync(Path.Combine(_cache, "cache"), "/nonexistent/chromium.tgz", CancellationToken.None));

        Assert.Contains("/nonexistent/chromium.tgz", refused.Message, StringComparison.Ordinal);
        Assert.Contains(ChromiumPackage.TarballVariable, refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
