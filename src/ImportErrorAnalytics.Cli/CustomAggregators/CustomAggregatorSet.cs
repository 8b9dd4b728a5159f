using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// The aggregators of the <c>--aggregator</c> files: compiled (or taken from the cache), checked by the IEA analyzers,
/// and loaded into collectible contexts that <see cref="Dispose"/> unloads.
/// </summary>
[RequiresUnreferencedCode("Compiles C# with Roslyn and loads the result into collectible contexts: the JIT build of iea only (JitOnlyFeatures).")]
[RequiresDynamicCode("Compiles C# with Roslyn and loads the result into collectible contexts: the JIT build of iea only (JitOnlyFeatures).")]
internal sealed class CustomAggregatorSet : IDisposable
{
    private static readonly MethodInfo AddAggregator = typeof(ImportErrorAnalyzerBuilder).GetMethod(nameof(ImportErrorAnalyzerBuilder.AddAggregator))!;

    private static readonly MethodInfo AddToReader = typeof(SnapshotReader).GetMethod(nameof(SnapshotReader.AddAggregator))!;

    private readonly List<AggregatorLoadContext> _contexts = [];
    private readonly List<Type> _types = [];

    private CustomAggregatorSet()
    {
    }

    /// <summary>The aggregator types found, in file order.</summary>
    public IReadOnlyList<Type> Types => _types;

    /// <summary>The load contexts (one per file); collectible.</summary>
    public IReadOnlyList<System.Runtime.Loader.AssemblyLoadContext> Contexts => _contexts;

    /// <summary>
    /// Loads <paramref name="paths"/>, printing every diagnostic to <paramref name="stderr"/>. Returns the set, or
    /// the exit code when a file is missing (<see cref="ExitCodes.InputNotFound"/>) or does not compile, has an IEA
    /// error or defines no aggregator (<see cref="ExitCodes.Usage"/>).
    /// </summary>
    public static Task<(CustomAggregatorSet? Set, int ExitCode)> LoadAsync(IReadOnlyList<string> paths, TextWriter stderr, CancellationToken cancellationToken) =>
        LoadAsync(paths, stderr, AggregatorCache.ForCommand(), cancellationToken);

    /// <summary>As <see cref="LoadAsync(IReadOnlyList{string}, TextWriter, CancellationToken)"/>, compiling through <paramref name="cache"/>.</summary>
    public static async Task<(CustomAggregatorSet? Set, int ExitCode)> LoadAsync(IReadOnlyList<string> paths, TextWriter stderr, AggregatorCache cache, CancellationToken cancellationToken)
    {
        var set = new CustomAggregatorSet();
        try
        {
            foreach (var path in paths)
            {
                var code = await set.LoadFileAsync(path, stderr, cache, cancellationToken).ConfigureAwait(false);
                if (code != ExitCodes.Success)
                {
                    set.Dispose();
                    return (null, code);
                }
            }
        }
        catch
        {
            set.Dispose();
            throw;
        }

        return (set, ExitCodes.Success);
    }

    /// <summary>Adds a new instance of every aggregator type to <paramref name="builder"/>.</summary>
    public ImportErrorAnalyzerBuilder AddTo(ImportErrorAnalyzerBuilder builder)
    {
        AddEach(AddAggregator, builder);
        return builder;
    }

    /// <summary>Adds a new instance of every aggregator type to <paramref name="reader"/>, to read their snapshot states.</summary>
    /// <exception cref="ArgumentException">An aggregator cannot read a saved state.</exception>
    public SnapshotReader AddTo(SnapshotReader reader)
    {
        AddEach(AddToReader, reader);
        return reader;
    }

    private void AddEach(MethodInfo add, object target)
    {
        foreach (var type in _types)
        {
            var contract = AggregatorInterface(type)!;
            var instance = Activator.CreateInstance(type)!;
            try
            {
                add.MakeGenericMethod(contract.GetGenericArguments()).Invoke(target, [instance]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            }
        }
    }

    /// <summary>
    /// The name of the first aggregator that cannot save its state (it does not implement
    /// <see cref="IPersistentErrorAggregator{TState}"/>), or <see langword="null"/>. Creates an instance to read its
    /// name: call it where exceptions from the files' code are told as theirs.
    /// </summary>
    public string? FirstThatCannotSave()
    {
        foreach (var type in _types)
        {
            var state = AggregatorInterface(type)!.GetGenericArguments()[0];
            if (!typeof(IPersistentErrorAggregator<>).MakeGenericType(state).IsAssignableFrom(type))
            {
                try
                {
                    return ((IErrorAggregator)Activator.CreateInstance(type)!).Name;
                }
                catch (TargetInvocationException ex) when (ex.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="exception"/> (or an inner one) was thrown by code of the loaded files.</summary>
    public bool IsFrom(Exception exception)
    {
        var assemblies = _contexts.SelectMany(c => c.Assemblies).ToHashSet();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (new System.Diagnostics.StackTrace(current).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly is { } a && assemblies.Contains(a)))
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsFrom))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Unloads the contexts (the runtime collects them once nothing references their types).</summary>
    public void Dispose()
    {
        _types.Clear();
        foreach (var context in _contexts)
        {
            context.Unload();
        }

        _contexts.Clear();
    }

    private async Task<int> LoadFileAsync(string path, TextWriter stderr, AggregatorCache cache, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"iea: cannot read aggregator file {UntrustedText.Quote(path)}: {UntrustedText.OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.InputNotFound;
        }

        var compiled = await cache.GetOrCompileAsync(content, path, stderr, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in compiled.Diagnostics)
        {
            await stderr.WriteLineAsync(diagnostic.Format(path)).ConfigureAwait(false);
        }

        if (compiled.Image is null || compiled.Diagnostics.Any(d => d.IsError))
        {
            await stderr.WriteLineAsync($"iea: aggregator file {UntrustedText.Quote(path)} has errors; nothing was analysed.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var context = new AggregatorLoadContext("iea-aggregators:" + compiled.Hash[..16]);
        _contexts.Add(context);
        using var image = new MemoryStream(compiled.Image, writable: false);
        var assembly = context.LoadFromStream(image);
        var found = assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, ContainsGenericParameters: false }
                && AggregatorInterface(t) is not null
                && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        if (found.Count == 0)
        {
            await stderr.WriteLineAsync($"iea: aggregator file {UntrustedText.Quote(path)} defines no public class implementing IErrorAggregator<TState, TResult> with a public parameterless constructor.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        _types.AddRange(found);
        return ExitCodes.Success;
    }

    private static Type? AggregatorInterface(Type type) => type.GetInterfaces()
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IErrorAggregator<,>));
}
