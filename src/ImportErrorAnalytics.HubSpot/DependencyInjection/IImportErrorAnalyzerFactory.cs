using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.HubSpot;

/// <summary>Creates analyzer builders wired to the container's HttpClient factory, loggers and clock.</summary>
public interface IImportErrorAnalyzerFactory
{
    /// <summary>A builder with logging and the container's <see cref="TimeProvider"/>; add inputs to it.</summary>
    ImportErrorAnalyzerBuilder CreateBuilder();

    /// <summary>A builder that reads <paramref name="importId"/> from HubSpot with the registered HubSpot defaults.</summary>
    /// <param name="importId">The import's id, read by its canonical spelling (see <see cref="Model.HubSpotImportIds"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="importId"/> is not an import id (the message quotes it).</exception>
    ImportErrorAnalyzerBuilder CreateBuilderForImport(string importId);
}
