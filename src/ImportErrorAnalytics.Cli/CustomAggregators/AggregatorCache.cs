using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ImportErrorAnalytics.Aggregation;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>Where a compiled aggregator file came from.</summary>
internal enum CompileSource
{
    /// <summary>Roslyn compiled it in this call.</summary>
    Compiled,

    /// <summary>This process compiled the same content before.</summary>
    MemoryCache,

    /// <summary>An earlier run left the image in the cache folder.</summary>
    DiskCache,
}

/// <summary>A compiled file: its image (<see langword="null"/> on errors) and its diagnostics.</summary>
internal sealed record CompiledAggregators(string Hash, byte[]? Image, IReadOnlyList<AggregatorDiagnostic> Diagnostics, CompileSource Source);

/// <summary>
/// Compiles each content once: keyed by SHA-256 of the file's bytes and of the library and analyzers builds, kept in
/// memory per process and on disk (<c>&lt;hash&gt;.dll</c> and <c>&lt;hash&gt;.diagnostics</c>) so a later run loads without compiling.
/// The disk cache is bounded by <see cref="AggregatorCachePruning"/>: a hit marks its entry used, a new entry prunes the folder.
/// </summary>
internal static class AggregatorCache
{
    private static readonly ConcurrentDictionary<string, CompiledAggregators> Memory = new(StringComparer.Ordinal);

    /// <summary>The cache folder; <c>IEA_AGGREGATOR_CACHE</c> overrides the default under the temp folder.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("IEA_AGGREGATOR_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "iea-aggregators");

    /// <summary>The cache key of <paramref name="content"/>: it changes with the library or the analyzers.</summary>
    public static string Hash(byte[] content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(content);
        sha.AppendData(typeof(IErrorAggregator).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        sha.AppendData(AggregatorCompiler.AnalyzerAssembly.ManifestModule.ModuleVersionId.ToByteArray());
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static async Task<CompiledAggregators> GetOrCompileAsync(byte[] content, string path, CancellationToken cancellationToken)
    {
        var hash = Hash(content);
        if (Memory.TryGetValue(hash, out var cached))
        {
            return cached with { Source = CompileSource.MemoryCache };
        }

        var compiled = TryReadDisk(hash) ?? await CompileAsync(content, path, hash, cancellationToken).ConfigureAwait(false);
        Memory.TryAdd(hash, compiled);
        return compiled;
    }

    /// <summary>Forgets the in-memory entry of <paramref name="hash"/> (tests use it to reach the disk cache).</summary>
    internal static void Forget(string hash) => Memory.TryRemove(hash, out _);

    private static async Task<CompiledAggregators> CompileAsync(byte[] content, string path, string hash, CancellationToken cancellationToken)
    {
        var source = Encoding.UTF8.GetString(content);
        var (image, diagnostics) = await AggregatorCompiler.CompileAsync(source, path, "IeaAggregators_" + hash[..16], cancellationToken).ConfigureAwait(false);
        if (image is not null)
        {
            TryWriteDisk(hash, image, diagnostics);
        }

        return new CompiledAggregators(hash, image, diagnostics, CompileSource.Compiled);
    }

    private static CompiledAggregators? TryReadDisk(string hash)
    {
        try
        {
            var dll = Path.Combine(Directory, hash + ".dll");
            var diagnosticsFile = Path.Combine(Directory, hash + ".diagnostics");
            if (!File.Exists(dll) || !File.Exists(diagnosticsFile))
            {
                return null;
            }

            var diagnostics = File.ReadAllLines(diagnosticsFile).Select(AggregatorDiagnostic.Deserialize).OfType<AggregatorDiagnostic>().ToList();
            var image = File.ReadAllBytes(dll);
            AggregatorCachePruning.Touch(Directory, hash, TimeProvider.System.GetUtcNow());
            return new CompiledAggregators(hash, image, diagnostics, CompileSource.DiskCache);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // An unreadable cache only costs a compile.
        }
    }

    /// <summary>Writes both files through temporary names, the image last, so a reader never sees half an entry.</summary>
    private static void TryWriteDisk(string hash, byte[] image, IReadOnlyList<AggregatorDiagnostic> diagnostics)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var unique = Guid.NewGuid().ToString("N");
            var diagnosticsTemp = Path.Combine(Directory, $"{hash}.{unique}.tmp-diagnostics");
            File.WriteAllLines(diagnosticsTemp, diagnostics.Select(d => d.Serialize()));
            File.Move(diagnosticsTemp, Path.Combine(Directory, hash + ".diagnostics"), overwrite: true);
            var imageTemp = Path.Combine(Directory, $"{hash}.{unique}.tmp-dll");
            File.WriteAllBytes(imageTemp, image);
            File.Move(imageTemp, Path.Combine(Directory, hash + ".dll"), overwrite: true);
            AggregatorCachePruning.Prune(Directory, TimeProvider.System.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only temp folder only means compiling again next run.
        }
    }
}
