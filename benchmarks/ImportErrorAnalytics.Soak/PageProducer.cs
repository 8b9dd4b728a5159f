using System.IO.Pipelines;
using System.Text.Json;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Soak;

/// <summary>
/// Generates the synthetic import's errors on the fly and writes them as HubSpot response pages into a pipe, whose
/// reading end the pipeline consumes as a stream. The pipe's thresholds bound what is in flight (about a megabyte):
/// nothing is materialised. Every error is tallied into <see cref="SoakTruth"/> as it is written.
/// </summary>
internal sealed class PageProducer(SyntheticImport import, int pageSize, SoakTruth truth)
{
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));

    public SyntheticImport Import => import;

    /// <summary>The reading end, opened once by the pipeline.</summary>
    public Stream OpenStream() => _pipe.Reader.AsStream();

    public async Task ProduceAsync(CancellationToken cancellationToken)
    {
        var writer = _pipe.Writer;
        var total = import.Options.Errors;
        var page = new List<SyntheticError>(pageSize);
        long written = 0;
        var pageNumber = 0;
        Exception? failure = null;
        try
        {
            using var json = new Utf8JsonWriter(writer);
            foreach (var error in import.Generate())
            {
                truth.Add(error);
                page.Add(error);
                if (page.Count < pageSize && written + page.Count < total)
                {
                    continue;
                }

                pageNumber++;
                written += page.Count;
                ErrorJsonWriter.WritePage(json, page, written < total ? SyntheticImport.Cursor(pageNumber) : null);
                json.Flush();
                json.Reset();
                writer.GetSpan(1)[0] = (byte)'\n';
                writer.Advance(1);
                page.Clear();
                var flushed = await writer.FlushAsync(cancellationToken);
                if (flushed.IsCompleted)
                {
                    // The pipeline stopped reading (it failed): stop generating.
                    break;
                }
            }

            truth.Pages = pageNumber;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            await writer.CompleteAsync(failure);
        }
    }
}
