using ImportErrorAnalytics.Browser.Tests.Support;

namespace ImportErrorAnalytics.Browser.Tests;

/// <summary>
/// The checks the report tests rely on, shown to fail where they should: a page that does load from the network, runs
/// injected script or logs an error is caught. Without these, a report test that passes could mean a blind harness.
/// </summary>
[Collection(SharedBrowser.Name)]
[Slow(SlowKind.Browser)]
public sealed class HarnessTests(BrowserFixture fixture)
{
    [Fact]
    public async Task APageWithoutAPolicy_RunsInjectedMarkup_AndTheHarnessSeesIt()
    {
        const string Html = """
            <!doctype html><html><head><title>t</title></head><body>
            <img src="https://example.invalid/x.png" onerror="window.__ieaRan.push('onerror')">
            <script>console.error('boom'); window.__ieaRan.push('script');</script>
            </body></html>
            """;
        await using var opened = await OpenedPage.OpenAsync(fixture, Html, "harness");

        var ran = await opened.Page.EvaluateExpressionAsync<string[]>("window.__ieaRan");
        Assert.Contains("script", ran);
        Assert.Contains("onerror", ran);
        Assert.Contains(opened.OtherRequests, url => url.StartsWith("https://example.invalid/", StringComparison.Ordinal));
        Assert.Contains(opened.ConsoleProblems, message => message.Contains("boom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStrictPolicy_BlocksScriptItDoesNotHash_AndSaysSoOnTheConsole()
    {
        const string Html = """
            <!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'">
            <title>t</title></head><body><script>window.__ieaRan.push('script');</script></body></html>
            """;
        await using var opened = await OpenedPage.OpenAsync(fixture, Html, "harness-csp");

        Assert.Empty(await opened.Page.EvaluateExpressionAsync<string[]>("window.__ieaRan"));
        Assert.Contains(opened.ConsoleProblems, message => message.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
