using System.Text;

namespace ImportErrorAnalytics.Reporting.Html;

/// <summary>
/// The report as one self-contained HTML page for people: its style, charts (inline SVG) and script inline, nothing
/// loaded from anywhere, readable without script (the script only adds sorting and filtering of tables). Every value
/// from the import is text, escaped like the Markdown report's and encoded with <see cref="System.Text.Encodings.Web.HtmlEncoder"/>;
/// a Content-Security-Policy allows only the page's own style and script. See docs/html-report.md.
/// </summary>
public static class HtmlReport
{
    /// <summary>Renders <paramref name="report"/> within <see cref="HtmlReportOptions.MaxBytes"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">Layout options; defaults when <see langword="null"/>.</param>
    /// <returns>The page, at most <see cref="HtmlReportOptions.MaxBytes"/> UTF-8 bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="HtmlReportOptions.MaxBytes"/> is below 64 KiB or <see cref="HtmlReportOptions.MaxRows"/> below 1.</exception>
    public static string Render(ImportErrorReport report, HtmlReportOptions? options = null) => RenderCounted(report, options, out _);

    /// <summary>Writes the page (<see cref="Render"/>) to <paramref name="destination"/> as UTF-8.</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">Where to write; left open.</param>
    /// <param name="options">Layout options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="HtmlReportOptions.MaxBytes"/> is below 64 KiB or <see cref="HtmlReportOptions.MaxRows"/> below 1.</exception>
    public static async Task WriteAsync(ImportErrorReport report, Stream destination, HtmlReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var bytes = Encoding.UTF8.GetBytes(Render(report, options));
        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders the page; <paramref name="renderings"/> counts the renderings the size budget took.</summary>
    internal static string RenderCounted(ImportErrorReport report, HtmlReportOptions? options, out int renderings)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new HtmlReportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, HtmlReportOptions.MinMaxBytes, nameof(options.MaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRows, 1, nameof(options.MaxRows));

        var limits = new SectionLimits(options.MaxRows);
        var custom = CustomResultText.Of(report);
        renderings = 0;
        while (true)
        {
            var page = new HtmlWriter(report, limits, options.Charts, custom).Write();
            renderings++;
            if (page.ByteCount <= options.MaxBytes || !limits.TrimLongest())
            {
                return page.Write(options.MaxBytes);
            }
        }
    }
}
