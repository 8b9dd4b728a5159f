using ImportErrorAnalytics.Model;
using static ImportErrorAnalytics.Reporting.Markdown.MarkdownText;

namespace ImportErrorAnalytics.Reporting.Markdown;

/// <summary>The "What to do" section: this project's guide for each error type present, largest first.</summary>
internal sealed partial class MarkdownWriter
{
    private void Guides()
    {
        if (report.ErrorTypes.Count == 0)
        {
            return;
        }

        Line("## What to do");
        Line();
        var shown = limits.Take("guides", report.ErrorTypes).ToList();
        foreach (var type in shown)
        {
            // The type name comes from the data (a code span); the guide's words and link are this project's own.
            var name = type.Other ? OtherErrorTypes : Code(type.ErrorType);
            var errors = $"{Number(type.Count)} error{(type.Count == 1 ? "" : "s")}";
            if (!type.Other && HubSpotErrorGuides.TryGet(type.ErrorType, out var guide))
            {
                var link = guide.Link is null ? "" : $" [HubSpot's help]({guide.Link})";
                Line($"- {name} ({errors}): **{guide.Summary}** {guide.Text}{link}");
            }
            else
            {
                Line($"- {name} ({errors}): no guide exists yet for this type; HubSpot's error messages (`--include-error-message`) may say more.");
            }
        }

        More(report.ErrorTypes.Count, shown.Count, "error types' guides");
        Line();
    }
}
