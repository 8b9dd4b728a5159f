using System.Collections.Concurrent;
using System.Text;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>
/// Collects the errors of a run's failing lines and writes them as the failed-rows CSV. Each pipeline worker fills a
/// <see cref="FailedRowsBuffer"/> of its own (pages in parts stage theirs until the last part); a buffer over its share
/// of the memory budget is sorted and spilled to a run file. At the end the runs and the buffers are merged in one
/// ordered pass (a k-way merge), grouped by file and line, and written one CSV row per line. Dispose deletes the spill
/// folder: after a written CSV, a failure, or a cancellation alike.
/// </summary>
internal sealed class FailedRowsCollector : IDisposable
{
    private readonly ConcurrentBag<FailedRowsBuffer> _workers = [];
    private readonly SpillFolder _spill;
    private readonly FailedRowsOptions _options;

    public FailedRowsCollector(string path, FailedRowsOptions options, ValueMaskKey? maskKey, int workers)
    {
        Path = path;
        _options = options;
        MaskKey = maskKey;
        BudgetPerBuffer = Math.Max(1, options.MemoryBudgetBytes / Math.Max(1, workers));
        _spill = new SpillFolder(path);
    }

    /// <summary>The CSV's path.</summary>
    public string Path { get; }

    /// <summary>Masks every cell and message when set (the report's own key, so masks match the report's).</summary>
    public ValueMaskKey? MaskKey { get; }

    /// <summary>The bytes one buffer holds before it spills.</summary>
    public long BudgetPerBuffer { get; }

    /// <summary>The spill folder, once made (for tests).</summary>
    internal string? SpillPath => _spill.Path;

    /// <summary>A worker's buffer, merged at the end.</summary>
    public FailedRowsBuffer CreateWorkerBuffer()
    {
        var buffer = new FailedRowsBuffer(this);
        _workers.Add(buffer);
        return buffer;
    }

    /// <summary>A page's staging buffer: merged into a worker's when the page's last part comes, else discarded.</summary>
    public FailedRowsBuffer CreateStagingBuffer() => new(this);

    /// <summary>
    /// The most run files merged at once: more are first merged in groups of this many into longer runs, so the final
    /// merge holds at most this many files open (and as many read buffers), however small the memory budget made them.
    /// </summary>
    internal const int MaxMergeWidth = 64;

    /// <summary>Writes sorted <paramref name="errors"/> to a new run file and returns its path.</summary>
    internal string WriteRun(IEnumerable<FailedError> errors)
    {
        try
        {
            using var stream = _spill.Create(out var path);
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(0); // the count, written once known
            var count = 0;
            foreach (var error in errors)
            {
                error.Write(writer);
                count++;
            }

            writer.Flush();
            stream.Position = 0;
            writer.Write(count);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FailedRowsWriteException(Path, ex);
        }
    }

    /// <summary>Merges everything collected and writes the CSV (atomically, as data: owner-only).</summary>
    public async Task<FailedRowsSummary> WriteAsync(IReadOnlyList<HubSpotImport> imports, CancellationToken cancellationToken)
    {
        var buffers = _workers.ToArray();
        var files = new HashSet<long?>();
        var manyFiles = false;
        var cells = 0;
        long fileWide = 0;
        foreach (var buffer in buffers)
        {
            buffer.InMemory.Sort(FailedError.Compare);
            files.UnionWith(buffer.Files);
            manyFiles |= buffer.ManyFiles;
            cells = Math.Max(cells, buffer.MostCells);
            fileWide += buffer.FileWideErrors;
        }

        var (names, fromMappings) = FailedRowsHeader.Build(cells, files, manyFiles || files.Count > FailedRowsBuffer.MaxNotedFiles, imports);
        var writer = new FailedRowsCsvWriter(names, _options.Formulas);
        try
        {
            await WriteCsvAsync(buffers, writer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FailedRowsWriteException(Path, ex);
        }

        var summary = new FailedRowsSummary(System.IO.Path.GetFullPath(Path), writer.Rows, writer.Errors, fileWide, writer.RowsWithoutCells, _spill.Files, fromMappings);
        _options.Written?.Invoke(summary);
        return summary;
    }

    private Task WriteCsvAsync(FailedRowsBuffer[] buffers, FailedRowsCsvWriter writer, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(
            Path,
            async (stream, token) =>
            {
                var runs = Narrow(buffers.SelectMany(buffer => buffer.Runs).ToList()).Select(ReadRun)
                    .Concat(buffers.Select(buffer => (IEnumerable<FailedError>)buffer.InMemory));
                await writer.WriteAsync(stream, Merge(runs), token).ConfigureAwait(false);
            },
            AtomicFileOptions.ForData(),
            cancellationToken);

    /// <summary>
    /// Merges run files in groups of <see cref="MaxMergeWidth"/> into longer runs (deleting the merged ones) until at
    /// most <see cref="MaxMergeWidth"/> are left for the final merge beside the buffers still in memory.
    /// </summary>
    private List<string> Narrow(List<string> runs)
    {
        while (runs.Count > MaxMergeWidth - 1)
        {
            var longer = new List<string>();
            foreach (var group in runs.Chunk(MaxMergeWidth))
            {
                longer.Add(WriteRun(Merge(group.Select(ReadRun))));
                foreach (var merged in group)
                {
                    File.Delete(merged);
                }
            }

            runs = longer;
        }

        return runs;
    }

    /// <summary>The k-way merge: sorted sequences into one sorted sequence.</summary>
    internal static IEnumerable<FailedError> Merge(IEnumerable<IEnumerable<FailedError>> sorted)
    {
        var queue = new PriorityQueue<IEnumerator<FailedError>, FailedError>(Comparer<FailedError>.Create(FailedError.Compare));
        var open = new List<IEnumerator<FailedError>>();
        try
        {
            foreach (var sequence in sorted)
            {
                var cursor = sequence.GetEnumerator();
                open.Add(cursor);
                if (cursor.MoveNext())
                {
                    queue.Enqueue(cursor, cursor.Current);
                }
            }

            while (queue.TryDequeue(out var cursor, out var error))
            {
                yield return error;
                if (cursor.MoveNext())
                {
                    queue.Enqueue(cursor, cursor.Current);
                }
            }
        }
        finally
        {
            foreach (var cursor in open)
            {
                cursor.Dispose();
            }
        }
    }

    private static IEnumerable<FailedError> ReadRun(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            yield return FailedError.Read(reader);
        }
    }

    public void Dispose() => _spill.Dispose();
}
