using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Sources.Capabilities;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>One report per HubSpot import, and a combined one.</summary>
public sealed partial class ImportErrorAnalyzer
{
    /// <summary>
    /// Reads every input, each an import (a HubSpot import: <c>AddHubSpotImports</c> of ImportErrorAnalytics.HubSpot), up to
    /// <see cref="AnalyzerOptions.MaxConcurrentImports"/> at once under their shared rate limiter, and returns one report
    /// per import plus a combined report with per-import rows (<see cref="ImportErrorReport.PerImport"/>).
    /// </summary>
    /// <param name="cancellationToken">Stops the run promptly.</param>
    /// <exception cref="InvalidOperationException">
    /// An input is not a HubSpot import, a checkpoint is set (it covers one import), or failed rows are asked for
    /// (<see cref="ImportErrorAnalyzerBuilder.WithFailedRows"/>: their CSV has no import column).
    /// </exception>
    /// <exception cref="Exception">What an import's source throws (a <c>HubSpotApiException</c>: HubSpot refused, or kept failing past the retry budget), for one of the imports (the others are cancelled).</exception>
    /// <exception cref="ObjectDisposedException">The analyzer was disposed.</exception>
    /// <exception cref="Parsing.ImportErrorFormatException">An import's data stayed malformed past the retries (the others are cancelled).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Task<ImportSetReport> RunPerImportAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_checkpoint is not null)
        {
            throw new InvalidOperationException("A checkpoint covers a single-import run; RunPerImportAsync cannot use one.");
        }

        if (_failedRows is not null)
        {
            throw new InvalidOperationException("The failed rows are written for a single run; RunPerImportAsync cannot write them (use RunAsync).");
        }

        var imports = _sources.OfType<IImportSource>().ToList();
        if (imports.Count != _sources.Count)
        {
            throw new InvalidOperationException("RunPerImportAsync needs every input to be a HubSpot import.");
        }

        return new ImportSetRun(_sources, _builtIns, _prototypes, _options, _progress).RunAsync(cancellationToken);
    }
}
