using System.Buffers.Binary;
using ImportErrorAnalytics.Browser.Tests.Support;
using ImportErrorAnalytics.Reporting.Html;
using PuppeteerSharp;

namespace ImportErrorAnalytics.Browser.Tests;

/// <summary>
/// The screenshot of the sample report the README shows (docs/images/html-report.png). It is taken here, of the page
/// as the browser draws it; <c>IEA_UPDATE_SCREENSHOT=1</c> writes it over the committed one.
/// </summary>
[Collection(SharedBrowser.Name)]
[Slow(SlowKind.Browser)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    private const string RelativePath = "docs/images/html-report.png";

    [Fact]
    public async Task TheSampleReport_DrawsItsHeaderAndCharts_AndTheReadmeShowsTheCommittedScreenshot()
    {
        var report = await Reports.SampleAsync();
        await using var opened = await OpenedPage.OpenAsync(fixture, HtmlReport.Render(report), "screenshot");
        var png = await opened.Page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png, FullPage = false });

        Assert.Equal((1200, 900), Size(png));
        Assert.True(png.Length > 20_000, $"a {png.Length}-byte screenshot is a blank page");

        var committed = Path.Combine(Reports.RepositoryRoot, RelativePath);
        if (Environment.GetEnvironmentVariable("IEA_UPDATE_SCREENSHOT") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
            await File.WriteAllBytesAsync(committed, png);
        }

        Assert.True(File.Exists(committed), $"{RelativePath} is missing: run these tests with IEA_UPDATE_SCREENSHOT=1");
        Assert.Equal((1200, 900), Size(await File.ReadAllBytesAsync(committed)));
        Assert.Contains($"]({RelativePath})", await File.ReadAllTextAsync(Path.Combine(Reports.RepositoryRoot, "README.md")), StringComparison.Ordinal);
    }

    /// <summary>A PNG's width and height, from its IHDR chunk.</summary>
    private static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }), "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
