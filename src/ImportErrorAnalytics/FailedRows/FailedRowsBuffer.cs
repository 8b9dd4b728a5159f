using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>
/// The errors one pipeline worker collected (or one page in parts, staged until its last part): kept in memory up to
/// the worker's share of the budget, then sorted and written to a run file of the collector's spill folder.
/// </summary>
internal sealed class FailedRowsBuffer(FailedRowsCollector owner)
{
    /// <summary>The most distinct file ids a buffer notes for the header: more files than that and the header is the fallback.</summary>
    internal const int MaxNotedFiles = 64;

    private readonly List<FailedError> _errors = [];
    private readonly List<string> _runs = [];
    private readonly HashSet<long?> _files = [];
    private long _bytes;

    /// <summary>The errors held in memory.</summary>
    internal List<FailedError> InMemory => _errors;

    /// <summary>The sorted run files written.</summary>
    internal IReadOnlyList<string> Runs => _runs;

    /// <summary>File ids seen, up to <see cref="MaxNotedFiles"/>; past that <see cref="ManyFiles"/> is set.</summary>
    internal IReadOnlySet<long?> Files => _files;

    internal bool ManyFiles { get; private set; }

    internal long FileWideErrors { get; private set; }

    internal int MostCells { get; private set; }

    internal long Bytes => _bytes;

    public void AddPage(ImportErrorPage page)
    {
        for (var i = 0; i < page.Count; i++)
        {
            var error = FailedError.From(page.GetRecordUnchecked(i), owner.MaskKey);
            if (error is null)
            {
                FileWideErrors++;
                continue;
            }

            Add(error);
        }
    }

    public void Add(FailedError error)
    {
        _errors.Add(error);
        _bytes += error.EstimatedBytes;
        MostCells = Math.Max(MostCells, error.Cells?.Length ?? 0);
        NoteFile(error.FileId);
        if (_bytes > owner.BudgetPerBuffer)
        {
            Spill();
        }
    }

    /// <summary>Takes what <paramref name="staged"/> collected (a page whose last part arrived); it is left empty.</summary>
    public void MergeFrom(FailedRowsBuffer staged)
    {
        _runs.AddRange(staged._runs);
        staged._runs.Clear();
        FileWideErrors += staged.FileWideErrors;
        MostCells = Math.Max(MostCells, staged.MostCells);
        ManyFiles |= staged.ManyFiles;
        foreach (var file in staged._files)
        {
            NoteFile(file);
        }

        foreach (var error in staged._errors)
        {
            Add(error);
        }

        staged.Discard();
    }

    /// <summary>Forgets everything (a page whose last part never came): its run files are deleted.</summary>
    public void Discard()
    {
        foreach (var run in _runs)
        {
            File.Delete(run);
        }

        _runs.Clear();
        _errors.Clear();
        _files.Clear();
        _bytes = 0;
        FileWideErrors = 0;
        MostCells = 0;
    }

    /// <summary>Sorts the errors in memory and writes them as a run file; nothing when there are none.</summary>
    public void Spill()
    {
        if (_errors.Count == 0)
        {
            return;
        }

        _errors.Sort(FailedError.Compare);
        _runs.Add(owner.WriteRun(_errors));
        _errors.Clear();
        _bytes = 0;
    }

    private void NoteFile(long? file)
    {
        if (!ManyFiles && !_files.Contains(file))
        {
            if (_files.Count == MaxNotedFiles)
            {
                ManyFiles = true;
                return;
            }

            _files.Add(file);
        }
    }
}
