namespace ImportErrorAnalytics.Pipeline;

/// <summary>Adds up the progress of the concurrent runs of a multi-import run and reports the sum.</summary>
internal sealed class ImportSetProgress(IProgress<AnalysisProgress> target, int imports, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly AnalysisProgress[] _latest = new AnalysisProgress[imports];
    private readonly long _startedAt = time.GetTimestamp();

    public IProgress<AnalysisProgress> For(int index) => new Slot(this, index);

    private void Update(int index, AnalysisProgress progress)
    {
        AnalysisProgress sum;
        lock (_lock)
        {
            _latest[index] = progress;
            long pages = 0, errors = 0, bytes = 0;
            foreach (var latest in _latest)
            {
                pages += latest.Pages;
                errors += latest.Errors;
                bytes += latest.Bytes;
            }

            sum = new AnalysisProgress(pages, errors, bytes, time.GetElapsedTime(_startedAt));
        }

        target.Report(sum);
    }

    private sealed class Slot(ImportSetProgress owner, int index) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => owner.Update(index, value);
    }
}
