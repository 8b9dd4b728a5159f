using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ImportErrorAnalytics.Cli.CustomAggregators.Trust;
using ImportErrorAnalytics.Files;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>Where a compiled aggregator file came from.</summary>
internal enum CompileSource
{
    /// <summary>Roslyn compiled it in this call.</summary>
    Compiled,

    /// <summary>This process compiled the same content before.</summary>
    MemoryCache,

    /// <summary>An earlier run left the image in the cache folder, and it checked out.</summary>
    DiskCache,
}

/// <summary>A compiled file: its cache key, its image (<see langword="null"/> on errors) and its diagnostics.</summary>
internal sealed record CompiledAggregators(string Hash, byte[]? Image, IReadOnlyList<AggregatorDiagnostic> Diagnostics, CompileSource Source);

/// <summary>
/// Compiles each content once. The key is SHA-256 over the source's SHA-256 and the builds' identities
/// (<see cref="AggregatorBuilds"/>); compiled images are kept in memory and, when the folder is private to this user
/// (<see cref="AggregatorCacheFolder"/>), on disk as <c>&lt;key&gt;.dll</c> with its manifest <c>&lt;key&gt;.json</c>
/// (<see cref="AggregatorCacheManifest"/>), both owner-only and written atomically. A disk entry is loaded only when
/// both files are this user's and nobody else's to write (<see cref="OwnedFile"/>) and the manifest names this source
/// and these builds and the image's hash; otherwise the file is compiled again and the entry rewritten. A folder that
/// is not private is never read, written or pruned: the files are compiled in memory, with one warning.
/// </summary>
[RequiresUnreferencedCode("Compiles C# with Roslyn and loads the result into collectible contexts: the JIT build of iea only (JitOnlyFeatures).")]
[RequiresDynamicCode("Compiles C# with Roslyn and loads the result into collectible contexts: the JIT build of iea only (JitOnlyFeatures).")]
internal sealed class AggregatorCache
{
    /// <summary>The largest manifest read.</summary>
    internal const long MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>The largest image read.</summary>
    internal const long MaxImageBytes = 64 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, CompiledAggregators> _memory = new(StringComparer.Ordinal);
    private readonly AggregatorBuilds _builds;
    private readonly TimeProvider _time;
    private int _warned;

    /// <summary>A cache in <paramref name="folder"/> for the builds <paramref name="builds"/> (this process's by default).</summary>
    public AggregatorCache(AggregatorCacheFolder folder, AggregatorBuilds? builds = null, TimeProvider? time = null)
    {
        Folder = folder;
        _builds = builds ?? AggregatorBuilds.Current;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A cache for one command, in the folder the environment names now (see <see cref="AggregatorCacheFolder"/>): its
    /// memory and its one warning end with the command, so commands run in one process (tests, a host) never see each
    /// other's; what carries over is the folder, whose entries are checked on every read.
    /// </summary>
    public static AggregatorCache ForCommand() => new(AggregatorCacheFolder.Open(Environment.GetEnvironmentVariable));

    /// <summary>The folder, and whether it is used.</summary>
    public AggregatorCacheFolder Folder { get; }

    /// <summary>The cache key of <paramref name="content"/> under this cache's builds.</summary>
    public string Key(byte[] content) => _builds.Key(SourceSha256(content));

    /// <summary>The image file of <paramref name="key"/>.</summary>
    public string ImagePath(string key) => Path.Combine(Folder.Path!, key + ".dll");

    /// <summary>The manifest file of <paramref name="key"/>.</summary>
    public string ManifestPath(string key) => Path.Combine(Folder.Path!, key + ".json");

    /// <summary>
    /// The compiled form of <paramref name="content"/> (the file at <paramref name="path"/>): from memory, from a disk
    /// entry that checks out, or compiled now. Warnings about the cache go to <paramref name="stderr"/>.
    /// </summary>
    public async Task<CompiledAggregators> GetOrCompileAsync(byte[] content, string path, TextWriter stderr, CancellationToken cancellationToken)
    {
        var source = SourceSha256(content);
        var key = _builds.Key(source);
        if (_memory.TryGetValue(key, out var cached))
        {
            return cached with { Source = CompileSource.MemoryCache };
        }

        CompiledAggregators? compiled = null;
        if (!Folder.IsUsable)
        {
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                var where = Folder.Path is null ? "" : $" '{Folder.Path}'";
                await stderr.WriteLineAsync($"iea: warning: the aggregator cache{where} is not used: {Folder.Refusal}; aggregator files are compiled in memory.").ConfigureAwait(false);
            }
        }
        else if (TryRead(key, source, out var refusal) is { } entry)
        {
            compiled = entry;
        }
        else if (refusal is not null)
        {
            await stderr.WriteLineAsync($"iea: warning: the cached image of '{path}' is not loaded: {refusal}; compiling it again.").ConfigureAwait(false);
        }

        compiled ??= await CompileAsync(content, path, source, key, cancellationToken).ConfigureAwait(false);
        _memory.TryAdd(key, compiled);
        return compiled;
    }

    private static string SourceSha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private async Task<CompiledAggregators> CompileAsync(byte[] content, string path, string source, string key, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(content);
        var (image, diagnostics) = await AggregatorCompiler.CompileAsync(text, path, "IeaAggregators_" + key[..16], cancellationToken).ConfigureAwait(false);
        if (image is not null && Folder.IsUsable)
        {
            await TryWriteAsync(key, AggregatorCacheManifest.For(key, source, _builds, image, diagnostics), image, cancellationToken).ConfigureAwait(false);
        }

        return new CompiledAggregators(key, image, diagnostics, CompileSource.Compiled);
    }

    /// <summary>The entry of <paramref name="key"/> when it checks out; otherwise <see langword="null"/>, with the reason when one was refused.</summary>
    private CompiledAggregators? TryRead(string key, string source, out string? refusal)
    {
        refusal = null;
        try
        {
            var (manifestBytes, manifestRefusal) = OwnedFile.Read(ManifestPath(key), MaxManifestBytes);
            if (manifestBytes is null)
            {
                refusal = manifestRefusal;
                return null;
            }

            if (AggregatorCacheManifest.Parse(manifestBytes) is not { } manifest)
            {
                refusal = $"'{ManifestPath(key)}' is not a cache manifest";
                return null;
            }

            var (image, imageRefusal) = OwnedFile.Read(ImagePath(key), MaxImageBytes);
            if (image is null)
            {
                refusal = imageRefusal;
                return null;
            }

            refusal = manifest.Mismatch(key, source, _builds, image);
            if (refusal is not null)
            {
                return null;
            }

            AggregatorCachePruning.Touch(Folder.Path!, key, _time.GetUtcNow());
            return new CompiledAggregators(key, image, manifest.Diagnostics, CompileSource.DiskCache);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // An unreadable entry only costs a compile.
        }
    }

    /// <summary>Writes the image, then the manifest that vouches for it, each atomically and owner-only; then prunes.</summary>
    private async Task TryWriteAsync(string key, AggregatorCacheManifest manifest, byte[] image, CancellationToken cancellationToken)
    {
        var options = new AtomicFileOptions { Mode = DataFileMode.OwnerOnly };
        try
        {
            await AtomicFile.WriteAsync(ImagePath(key), (stream, ct) => stream.WriteAsync(image, ct), options, cancellationToken).ConfigureAwait(false);
            var bytes = manifest.ToUtf8();
            await AtomicFile.WriteAsync(ManifestPath(key), (stream, ct) => stream.WriteAsync(bytes, ct), options, cancellationToken).ConfigureAwait(false);
            AggregatorCachePruning.Prune(Folder.Path!, _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a folder that cannot be written only means compiling again next run.
        }
    }
}
