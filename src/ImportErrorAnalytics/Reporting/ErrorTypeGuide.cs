using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// The report's pointer to this project's guide for an error type (<see cref="HubSpotErrorGuides"/>): its stable id and
/// one-line summary. The guide's longer text and link are in <see cref="HubSpotErrorGuides.TryGet"/>.
/// </summary>
public sealed class ErrorTypeGuide
{
    /// <summary>The guide's stable id (<see cref="HubSpotErrorGuide.Id"/>).</summary>
    public required string Id { get; init; }

    /// <summary>One line: what went wrong (<see cref="HubSpotErrorGuide.Summary"/>).</summary>
    public required string Summary { get; init; }

    /// <summary>The guide for <paramref name="errorType"/>, or <see langword="null"/> when the type has none.</summary>
    internal static ErrorTypeGuide? For(string? errorType) =>
        HubSpotErrorGuides.TryGet(errorType, out var guide) ? new ErrorTypeGuide { Id = guide.Id, Summary = guide.Summary } : null;
}
