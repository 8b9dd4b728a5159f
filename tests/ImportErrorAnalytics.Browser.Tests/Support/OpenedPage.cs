using PuppeteerSharp;

namespace ImportErrorAnalytics.Browser.Tests.Support;

/// <summary>
/// A report opened from disk as a person opens it (a <c>file://</c> address), with everything the page did recorded:
/// console errors, uncaught exceptions, dialogs and every request other than the file itself, which is refused.
/// A script the tests add before the page's own sets <c>window.__ieaRan</c> to a list that hostile data would append to.
/// </summary>
public sealed class OpenedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private OpenedPage(IBrowserContext context, IPage page, string address)
    {
        _context = context;
        Page = page;
        Address = address;
    }

    public IPage Page { get; }

    public string Address { get; }

    /// <summary>Console messages of type error or warning, as the page logged them.</summary>
    public List<string> ConsoleProblems { get; } = [];

    /// <summary>Uncaught exceptions in the page.</summary>
    public List<string> PageErrors { get; } = [];

    /// <summary>Dialogs (alert, confirm, prompt) the page opened: none of ours does.</summary>
    public List<string> Dialogs { get; } = [];

    /// <summary>Every request other than the report file itself.</summary>
    public List<string> OtherRequests { get; } = [];

    /// <summary>Writes <paramref name="html"/> to a file and opens it.</summary>
    public static async Task<OpenedPage> OpenAsync(BrowserFixture fixture, string html, string name, bool javaScript = true, MediaFeatureValue[]? media = null)
    {
        var path = Path.Combine(fixture.WorkDirectory, $"{name}-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(path, html);
        var address = new Uri(path).AbsoluteUri;
        var context = await fixture.Browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        var opened = new OpenedPage(context, page, address);
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                lock (opened.ConsoleProblems)
                {
                    opened.ConsoleProblems.Add($"{e.Message.Type}: {e.Message.Text}");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (opened.PageErrors)
            {
                opened.PageErrors.Add(e.Message);
            }
        };
        page.Dialog += async (_, e) =>
        {
            lock (opened.Dialogs)
            {
                opened.Dialogs.Add(e.Dialog.Message);
            }

            await e.Dialog.Dismiss();
        };
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url == address)
            {
                await e.Request.ContinueAsync();
                return;
            }

            lock (opened.OtherRequests)
            {
                opened.OtherRequests.Add(e.Request.Url);
            }

            await e.Request.AbortAsync();
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
        if (media is not null)
        {
            await page.EmulateMediaFeaturesAsync(media);
        }

        await page.SetJavaScriptEnabledAsync(javaScript);
        if (javaScript)
        {
            await page.EvaluateExpressionOnNewDocumentAsync("window.__ieaRan = [];");
        }

        await page.GoToAsync(address, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 60_000 });
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await _context.CloseAsync();
    }
}
