namespace ImportErrorAnalytics.Model;

/// <summary>
/// What one HubSpot error type means and what to change, written by this project for HubSpot's documented error types
/// (see <see cref="HubSpotErrorGuides"/>).
/// </summary>
public sealed class HubSpotErrorGuide
{
    internal HubSpotErrorGuide(string errorType, string id, string summary, string text, string? link)
    {
        ErrorType = errorType;
        Id = id;
        Summary = summary;
        Text = text;
        Link = link;
    }

    /// <summary>The error type the guide is for, as HubSpot names it (e.g. <c>INVALID_EMAIL</c>).</summary>
    public string ErrorType { get; }

    /// <summary>A stable id for the guide (e.g. <c>invalid-email</c>): it does not change when the text is reworded.</summary>
    public string Id { get; }

    /// <summary>One line: what went wrong.</summary>
    public string Summary { get; }

    /// <summary>A few sentences: what the error means and what to change in the file or in HubSpot.</summary>
    public string Text { get; }

    /// <summary>A page of HubSpot's documentation about the error, or <see langword="null"/> when none was found.</summary>
    public string? Link { get; }
}
