using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>The pages and errors a running import has committed, as the pipeline reports them (from any thread).</summary>
internal sealed class ImportProgress : IProgress<AnalysisProgress>
{
    private long _pages;
    private long _errors;

    public long Pages => Interlocked.Read(ref _pages);

    public long Errors => Interlocked.Read(ref _errors);

    public void Report(AnalysisProgress value)
    {
        Interlocked.Exchange(ref _pages, value.Pages);
        Interlocked.Exchange(ref _errors, value.Errors);
    }
}
