using System.Text.RegularExpressions;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Tests.Guides;

/// <summary>The guide data: one guide per documented error type, and nothing else; short, plain, safe to print.</summary>
public partial class HubSpotErrorGuidesTests
{
    [Fact]
    public void EveryDocumentedErrorType_HasAGuide()
    {
        var missing = HubSpotNames.ErrorTypes.Where(type => !HubSpotErrorGuides.TryGet(type, out _)).ToList();

        Assert.True(missing.Count == 0, "Error types without a guide: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryGuide_NamesADocumentedErrorType()
    {
        var strays = HubSpotErrorGuides.All.Where(g => !HubSpotNames.IsKnownErrorType(g.ErrorType)).Select(g => g.ErrorType).ToList();

        Assert.True(strays.Count == 0, "Guides for types not in HubSpot's list: " + string.Join(", ", strays));
        Assert.Equal(HubSpotNames.ErrorTypes.Count, HubSpotErrorGuides.All.Count);
    }

    [Fact]
    public void Summaries_AreOneShortLine_AndTextsAreLonger()
    {
        Assert.All(HubSpotErrorGuides.All, guide =>
        {
            Assert.False(string.IsNullOrWhiteSpace(guide.Summary), guide.ErrorType + ": empty summary");
            Assert.True(guide.Summary.Length <= HubSpotErrorGuides.MaxSummaryLength, $"{guide.ErrorType}: summary of {guide.Summary.Length} characters");
            Assert.True(guide.Text.Length > guide.Summary.Length, guide.ErrorType + ": the text says no more than the summary");
            Assert.DoesNotContain('\n', guide.Summary + guide.Text);
        });
    }

    /// <summary>The Markdown report writes the guides' words as they are (they are ours): nothing in them may act as Markdown or HTML.</summary>
    [Fact]
    public void Texts_HoldNoMarkdownOrHtmlSyntax()
    {
        Assert.All(HubSpotErrorGuides.All, guide =>
        {
            Assert.DoesNotMatch(MarkdownActive(), guide.Summary);
            Assert.DoesNotMatch(MarkdownActive(), guide.Text);
        });
    }

    [Fact]
    public void Ids_AreUniqueAndStable()
    {
        var ids = HubSpotErrorGuides.All.Select(g => g.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(HubSpotErrorGuides.All, guide => Assert.Equal(guide.ErrorType.ToLowerInvariant().Replace('_', '-'), guide.Id));
    }

    [Fact]
    public void Links_AreAbsentOrHubSpotDocumentation()
    {
        Assert.All(HubSpotErrorGuides.All.Where(g => g.Link is not null), guide =>
            Assert.Matches("^https://(knowledge|developers)\\.hubspot\\.com/[a-z0-9/_-]+$", guide.Link!));
    }

    /// <summary>
    /// HubSpot serves machine-translated copies of its articles under a language segment (/nl/, /ja/, /zh-tw/...), and
    /// searches often surface those first: the guides are English, so their links name the English page.
    /// </summary>
    [Fact]
    public void Links_NameTheEnglishPage_NotATranslatedCopy()
    {
        Assert.All(HubSpotErrorGuides.All.Where(g => g.Link is not null), guide =>
            Assert.DoesNotMatch("^https://[^/]+/[a-z]{2}(-[a-z]{2})?/", guide.Link!));
    }

    [Fact]
#pragma warning disable IEA0001 // Types outside HubSpot's list are the point of this test.
    public void UnknownOrMissingType_HasNoGuide()
    {
        Assert.False(HubSpotErrorGuides.TryGet("SOME_NEW_TYPE", out var guide));
        Assert.Null(guide);
        Assert.False(HubSpotErrorGuides.TryGet(null, out _));
        Assert.False(HubSpotErrorGuides.TryGet("invalid_email", out _));
    }
#pragma warning restore IEA0001

    /// <summary>The guides are versioned with the enum list: both files carry the same API version in their names.</summary>
    [Fact]
    public void GuideFile_IsVersionedWithTheEnumList()
    {
        var model = Path.Combine(RepositoryRoot(), "src", "ImportErrorAnalytics", "Model");
        var enums = Directory.GetFiles(model, "hubspot-enums-*.txt").Select(f => Version().Match(Path.GetFileName(f)).Value).Single();
        var guides = Directory.GetFiles(model, "hubspot-error-guides-*.json").Select(f => Version().Match(Path.GetFileName(f)).Value).Single();

        Assert.Equal(enums, guides);
        Assert.Contains($"\"apiVersion\": \"{enums}\"", File.ReadAllText(Path.Combine(model, $"hubspot-error-guides-{guides}.json")), StringComparison.Ordinal);
    }

    [GeneratedRegex("[<>\\[\\]*_`|\\\\#]")]
    private static partial Regex MarkdownActive();

    [GeneratedRegex("\\d{4}-\\d{2}")]
    private static partial Regex Version();

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));
}
