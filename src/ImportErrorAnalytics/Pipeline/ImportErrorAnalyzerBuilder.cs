using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Sources;
using ImportErrorAnalytics.Sources.Capabilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Pipeline;

/// <summary>Configures the inputs, options and custom aggregators of an <see cref="ImportErrorAnalyzer"/>.</summary>
public sealed partial class ImportErrorAnalyzerBuilder
{
    private readonly List<Func<AnalyzerResources, ErrorSource>> _sources = [];
    private readonly Dictionary<Type, object> _provided = [];
    private ILoggerFactory _loggers = NullLoggerFactory.Instance;
    private ICheckpointStore? _checkpoint;
    private readonly List<Func<AggregatorSlot>> _custom = [];
    private IProgress<AnalysisProgress>? _progress;
    private Func<Stream> _stdin = Console.OpenStandardInput;
    private (string Path, FailedRows.FailedRowsOptions Options)? _failedRows;

    internal ImportErrorAnalyzerBuilder()
    {
    }

    /// <summary>The options; change them before <see cref="Build"/>.</summary>
    public AnalyzerOptions Options { get; } = new();

    /// <summary>Changes the options.</summary>
    /// <param name="configure">Called once with <see cref="Options"/>.</param>
    public ImportErrorAnalyzerBuilder Configure(Action<AnalyzerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>
    /// Adds a file (<c>*.ndjson</c>/<c>*.jsonl</c> as NDJSON, anything else as response pages), every
    /// <c>*.json</c>, <c>*.ndjson</c> and <c>*.jsonl</c> file of a directory (in name order), or <c>-</c> for standard input.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="format">Overrides the format guessed from the file name.</param>
    /// <exception cref="FileNotFoundException">The path names neither a file nor a directory.</exception>
    public ImportErrorAnalyzerBuilder AddPath(string path, InputFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        foreach (var source in InputPaths.Expand(path, format, () => _stdin()))
        {
            _sources.Add(_ => source);
        }

        return this;
    }

    /// <summary>Adds a stream, opened when the run reaches it and disposed after.</summary>
    /// <param name="name">Named in reports and errors.</param>
    /// <param name="open">Opens the stream.</param>
    /// <param name="format">The stream's format.</param>
    public ImportErrorAnalyzerBuilder AddStream(string name, Func<CancellationToken, ValueTask<Stream>> open, InputFormat format = InputFormat.Pages)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(open);
        _sources.Add(_ => new StreamErrorSource(name, open, format));
        return this;
    }

    /// <summary>
    /// Adds an input made by a source package (ImportErrorAnalytics.HubSpot) when <see cref="Build"/> runs, with the
    /// analyzer's <see cref="AnalyzerResources"/>: what it makes there is the new analyzer's alone, disposed with it.
    /// </summary>
    /// <param name="create">Makes the source.</param>
    internal ImportErrorAnalyzerBuilder AddSource(Func<AnalyzerResources, ErrorSource> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _sources.Add(create);
        return this;
    }

    /// <summary>
    /// Gives the sources a source package adds a service owned elsewhere (the DI container's rate limiters): every
    /// analyzer this builder builds uses it, and none disposes it.
    /// </summary>
    /// <typeparam name="T">The service's type, what <see cref="Provided{T}"/> asks for.</typeparam>
    /// <param name="service">The service.</param>
    internal ImportErrorAnalyzerBuilder Provide<T>(T service)
        where T : class
    {
        _provided[typeof(T)] = service ?? throw new ArgumentNullException(nameof(service));
        return this;
    }

    /// <summary>The service given to <see cref="Provide{T}"/>, if any.</summary>
    /// <typeparam name="T">Its type.</typeparam>
    internal T? Provided<T>()
        where T : class => _provided.TryGetValue(typeof(T), out var service) ? (T)service : null;

    /// <summary>The logger factory given to <see cref="WithLogging"/>.</summary>
    internal ILoggerFactory LoggerFactory => _loggers;

    /// <summary>Logs retries, waits and warnings through <paramref name="loggerFactory"/> (never the token).</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    public ImportErrorAnalyzerBuilder WithLogging(ILoggerFactory loggerFactory)
    {
        _loggers = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>
    /// Saves the cursor and the merged aggregator states after each committed page (atomically) and resumes from
    /// them when the file exists. Needs exactly one input that can resume (a HubSpot import), and aggregators that can
    /// save their state.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    public ImportErrorAnalyzerBuilder WithCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return WithCheckpointStore(new FileCheckpointStore(path));
    }

    /// <summary>
    /// Like <see cref="WithCheckpoint"/>, with the checkpoint kept by <paramref name="store"/>: the run loads it once
    /// when it starts (and resumes after its last page, or gives its report at once when it was complete), and after
    /// each committed page saves the cursor, the counters and the merged states in one <see cref="ICheckpointStore.SaveAsync"/>
    /// before it requests the next page. A run killed at any moment and started again with the same store gives the
    /// report of an uninterrupted run.
    /// </summary>
    /// <param name="store">The store.</param>
    public ImportErrorAnalyzerBuilder WithCheckpointStore(ICheckpointStore store)
    {
        _checkpoint = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>
    /// Also writes the failed rows to <paramref name="path"/> when a run succeeds: a CSV with one row per failing source
    /// line (file and line, in that order) holding the row's cells as HubSpot sent them (<c>sourceData.rowData</c>),
    /// then the line's error types, columns, property names and messages (docs/failed-rows.md). Sensitive values are
    /// <c>[REDACTED]</c>, and <see cref="AnalyzerOptions.MaskValues"/> masks every cell and message with the report's key.
    /// The file is written atomically, owner-only. Memory stays bounded: collected errors past
    /// <see cref="FailedRows.FailedRowsOptions.MemoryBudgetBytes"/> are sorted and spilled to an owner-only folder beside
    /// the file, deleted when the run ends. HubSpot sends the cells and messages only when asked
    /// (<c>IncludeRowData</c>, <c>IncludeErrorMessage</c> of the HubSpot source's options).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">How it is written; the defaults when <see langword="null"/>.</param>
    /// <remarks>Not with a checkpoint (the spill is not saved in it), nor with <see cref="ImportErrorAnalyzer.RunPerImportAsync"/>.</remarks>
    public ImportErrorAnalyzerBuilder WithFailedRows(string path, FailedRows.FailedRowsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new FailedRows.FailedRowsOptions();
        options.Validate();
        _failedRows = (path, options);
        return this;
    }

    /// <summary>Adds a custom aggregator; its result appears under <c>custom.{Name}</c> in the report.</summary>
    /// <param name="aggregator">The aggregator.</param>
    public ImportErrorAnalyzerBuilder AddAggregator<TState, TResult>(IErrorAggregator<TState, TResult> aggregator)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        _custom.Add(() => AggregatorSlot.Create(aggregator));
        return this;
    }

    /// <summary>
    /// A snapshot reader that knows this builder's custom aggregators (as <see cref="AddAggregator"/> or a generated
    /// <c>AddGeneratedAggregators()</c> added them), to read and merge the snapshots of runs built the same way.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A custom aggregator cannot save its state (it does not implement <see cref="IPersistentErrorAggregator{TState}"/>),
    /// or two aggregators (built-ins included) share a name.
    /// </exception>
    /// <example>
    /// <code>
    /// var reader = ImportErrorAnalyzer.CreateBuilder().AddGeneratedAggregators().CreateSnapshotReader();
    /// ReportSnapshot snapshot = await reader.ReadFileAsync("north.snapshot");
    /// </code>
    /// </example>
    public SnapshotReader CreateSnapshotReader()
    {
        var reader = new SnapshotReader();
        foreach (var create in _custom)
        {
            reader.Add(create(), "aggregator");
        }

        return reader;
    }

    /// <summary>The names of the custom aggregators added, in the order they were added.</summary>
    internal IReadOnlyList<string> CustomAggregatorNames() => _custom.ConvertAll(create => create().Aggregator.Name);

    /// <summary>
    /// Receives progress (committed pages, errors, bytes) at most four times a second, and once at the end; with a
    /// checkpoint, after every saved page (what a resumed run would start from).
    /// </summary>
    /// <param name="progress">The receiver.</param>
    public ImportErrorAnalyzerBuilder WithProgress(IProgress<AnalysisProgress> progress)
    {
        _progress = progress;
        return this;
    }

    /// <summary>Where the path <c>-</c> reads from (the process's standard input by default). Call before <see cref="AddPath"/>.</summary>
    /// <param name="stdin">Opens the stream.</param>
    public ImportErrorAnalyzerBuilder WithStandardInput(Func<Stream> stdin)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        _stdin = stdin;
        return this;
    }

    /// <summary>Validates the options and builds the analyzer.</summary>
    /// <exception cref="ArgumentException">
    /// An option is out of range, two aggregators share a name, an import id is not one, one HubSpot import is
    /// added twice (in any spelling of its id), or failed rows are asked for with a checkpoint.
    /// </exception>
    /// <remarks>
    /// Each analyzer built owns what its inputs need (rate limiters, unless a DI container or the options give them):
    /// dispose it when done. Two analyzers share nothing but what the caller gave both.
    /// </remarks>
    public ImportErrorAnalyzer Build()
    {
        Options.Validate();
        var builtIns = new BuiltInAggregators(Options.ToBuiltInSettings());
        var prototypes = builtIns.CreateSlots().Concat(_custom.Select(create => create())).ToList();
        var duplicate = prototypes.GroupBy(slot => slot.Aggregator.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two aggregators are named {UntrustedText.Quote(duplicate.Key)}; names must be unique.");
        }

        var resources = new AnalyzerResources();
        try
        {
            var sources = _sources.ConvertAll(create => create(resources));
            Check(sources, prototypes);
            return new ImportErrorAnalyzer(sources, builtIns, prototypes, Options, _progress, _checkpoint, _loggers.CreateLogger("ImportErrorAnalytics.Inputs"), resources, _failedRows);
        }
        catch
        {
            resources.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private void Check(List<ErrorSource> sources, List<AggregatorSlot> prototypes)
    {
        ThrowIfAnImportIsTwice(sources);
        if (_checkpoint is not null && _failedRows is not null)
        {
            throw new ArgumentException("Failed rows cannot be written with a checkpoint: the rows collected so far are not saved in it, so a resumed run would miss them. Run without the checkpoint.");
        }

        if (_checkpoint is not null)
        {
            if (sources.Count != 1 || sources[0] is not IResumableSource)
            {
                throw new ArgumentException("A checkpoint needs exactly one input, a HubSpot import.");
            }

            if (prototypes.FirstOrDefault(slot => !slot.IsPersistent) is { } custom)
            {
                throw new ArgumentException($"A checkpoint needs aggregators that can save their state; {UntrustedText.Quote(custom.Aggregator.Name)} cannot (implement IPersistentErrorAggregator).");
            }
        }
    }

    /// <summary>
    /// One HubSpot import read twice would be counted twice, and a report, a snapshot and its merges key imports by
    /// their (canonical) id: two inputs of one import are a configuration error.
    /// </summary>
    private static void ThrowIfAnImportIsTwice(List<ErrorSource> sources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source is IImportSource import && !seen.Add(import.ImportId))
            {
                throw new ArgumentException(
                    $"HubSpot import {import.ImportId} is added twice, so its errors would be counted twice (ids are compared in their canonical spelling: '01' is import 1). AddHubSpotImports reads each import once.");
            }
        }
    }
}
