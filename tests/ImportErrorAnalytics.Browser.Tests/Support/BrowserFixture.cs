using ImportErrorAnalytics.Browser.Tests.Chromium;
using PuppeteerSharp;

namespace ImportErrorAnalytics.Browser.Tests.Support;

/// <summary>
/// One headless Chromium for the whole test assembly (starting one takes a second or two); each test opens its own
/// pages in their own browser context, so no cookie, storage or cache leaks from one test into another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Where the reports the tests open are written (deleted with the fixture).</summary>
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("iea-browser-").FullName;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var chromium = await ChromiumInstall.EnsureAsync(timeout.Token);
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium.Executable,
            HeadlessMode = HeadlessMode.Shell,
            Args = [.. ChromiumPackage.Args],
            Env =
            {
                ["FONTCONFIG_PATH"] = chromium.FontConfigDirectory,
                ["HOME"] = WorkDirectory,
            },
            Timeout = 60_000,
            ProtocolTimeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }
}

/// <summary>The tests that share <see cref="BrowserFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
