namespace ImportErrorAnalytics.Soak;

/// <summary>
/// The exact line figures of one file. The generator emits a file's failing lines in non-decreasing order, so distinct
/// lines and clusters are counted by comparing each line with the previous one: no set of lines is kept.
/// </summary>
internal sealed class FileTruth(int clusterGap)
{
    private int _lastLine;

    public long Errors { get; private set; }

    public long FileWideErrors { get; private set; }

    public long ErrorsWithoutLine { get; private set; }

    public long Lines { get; private set; }

    public int Clusters { get; private set; }

    public void Add(int? line)
    {
        Errors++;
        switch (line)
        {
            case null:
                ErrorsWithoutLine++;
                return;
            case 0:
                FileWideErrors++;
                return;
        }

        var current = line.Value;
        if (current < _lastLine)
        {
            throw new InvalidOperationException($"The generator went back from line {_lastLine} to {current}; the soak counts lines in order.");
        }

        if (current == _lastLine)
        {
            return;
        }

        Lines++;
        if (_lastLine == 0 || current - _lastLine - 1 > clusterGap)
        {
            Clusters++;
        }

        _lastLine = current;
    }
}
