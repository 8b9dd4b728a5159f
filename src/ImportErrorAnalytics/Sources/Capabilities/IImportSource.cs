using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Sources.Capabilities;

/// <summary>
/// A source that reads one import, known by its id: a run keys the import's report rows, its per-import report and
/// its description by <see cref="ImportId"/>, and refuses two inputs of one import. What the import says of itself
/// (a <see cref="HubSpotImport"/>) the source hands to the run that reads it through
/// <see cref="Parsing.ReadContext.Describe"/>, never by keeping it: one source object may be read by several runs.
/// </summary>
internal interface IImportSource
{
    /// <summary>The import's id, in its canonical spelling (<see cref="HubSpotImportIds"/>).</summary>
    string ImportId { get; }
}
