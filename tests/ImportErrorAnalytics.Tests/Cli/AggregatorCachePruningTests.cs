using System.Security.Cryptography;
using System.Text;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>The <c>--aggregator</c> disk cache stays bounded: old and surplus entries go, used ones and foreign files stay.</summary>
[Slow(SlowKind.Heavy)]
public sealed class AggregatorCachePruningTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void Prune_DeletesEntriesUnusedForLongerThanMaxAge_WithTheirDiagnostics()
    {
        var old = Entry("old", Now - AggregatorCachePruning.MaxAge - TimeSpan.FromMinutes(1));
        var recent = Entry("recent", Now - AggregatorCachePruning.MaxAge + TimeSpan.FromMinutes(1));

        var deleted = AggregatorCachePruning.Prune(_cache.Path, Now);

        Assert.Equal(1, deleted);
        Assert.False(Exists(old, ".dll"));
        Assert.False(Exists(old, ".json"));
        Assert.True(Exists(recent, ".dll"));
        Assert.True(Exists(recent, ".json"));
    }

    [Fact]
    public void Prune_KeepsTheNewestMaxEntries()
    {
        var hashes = Enumerable.Range(0, 10).Select(i => Entry("entry" + i, Now - TimeSpan.FromHours(i))).ToList();

        var deleted = AggregatorCachePruning.Prune(_cache.Path, Now, maxEntries: 4);

        Assert.Equal(6, deleted);
        Assert.Equal(hashes.Take(4), hashes.Where(h => Exists(h, ".dll")));
        Assert.Equal(4, Directory.GetFiles(_cache.Path, "*.json").Length);
    }

    [Fact]
    public void Prune_WithTheDefaultLimit_KeepsMaxEntries()
    {
        for (var i = 0; i < AggregatorCachePruning.MaxEntries + 3; i++)
        {
            Entry("many" + i, Now - TimeSpan.FromMinutes(i));
        }

        AggregatorCachePruning.Prune(_cache.Path, Now);

        Assert.Equal(AggregatorCachePruning.MaxEntries, Directory.GetFiles(_cache.Path, "*.dll").Length);
    }

    [Fact]
    public void Prune_DeletesAbandonedTemporaryFiles_ButNotOnesBeingWritten()
    {
        var hash = Hash("temp");
        // Named exactly as the atomic writer names the temporary files of an entry's image and manifest.
        var abandoned = File(TemporaryName(hash + ".dll"), Now - AggregatorCachePruning.AbandonedTempAge - TimeSpan.FromMinutes(1));
        var writing = File(TemporaryName(hash + ".json"), Now - TimeSpan.FromSeconds(5));
        var orphan = File(Hash("orphan") + ".json", Now - TimeSpan.FromDays(1));

        AggregatorCachePruning.Prune(_cache.Path, Now);

        Assert.False(System.IO.File.Exists(abandoned));
        Assert.True(System.IO.File.Exists(writing));
        Assert.False(System.IO.File.Exists(orphan));
    }

    [Fact]
    public void Prune_LeavesFilesThatAreNotCacheEntries()
    {
        var foreign = File("notes.txt", Now - TimeSpan.FromDays(400));
        var dll = File("Library.dll", Now - TimeSpan.FromDays(400));

        var deleted = AggregatorCachePruning.Prune(_cache.Path, Now, maxEntries: 0);

        Assert.Equal(0, deleted);
        Assert.True(System.IO.File.Exists(foreign));
        Assert.True(System.IO.File.Exists(dll));
    }

    [Fact]
    public void Prune_OfAMissingFolder_DoesNothing()
    {
        Assert.Equal(0, AggregatorCachePruning.Prune(Path.Combine(_cache.Path, "missing"), Now));
    }

    [Fact]
    public void Touch_MakesAnOldEntryTheNewest()
    {
        var old = Entry("touched", Now - TimeSpan.FromDays(90));
        var other = Entry("other", Now - TimeSpan.FromDays(1));

        AggregatorCachePruning.Touch(_cache.Path, old, Now);
        AggregatorCachePruning.Prune(_cache.Path, Now, maxEntries: 1);

        Assert.True(Exists(old, ".dll"));
        Assert.False(Exists(other, ".dll"));
    }

    [Fact]
    public async Task ADiskCacheHit_MarksItsEntryUsed()
    {
        var content = Encoding.UTF8.GetBytes($$"""
            // {{Guid.NewGuid():N}}
            using System.Text.Json;
            using System.Text.Json.Serialization.Metadata;
            using ImportErrorAnalytics.Aggregation;
            using ImportErrorAnalytics.Model;

            public sealed class Tally { public long Count; }

            public sealed class Counted : IErrorAggregator<Tally, long>
            {
                public string Name => "counted";
                public JsonTypeInfo<long> ResultTypeInfo => (JsonTypeInfo<long>)JsonSerializerOptions.Default.GetTypeInfo(typeof(long));
                public Tally CreateState() => new();
                public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
                public void Merge(Tally into, Tally other) => into.Count += other.Count;
                public long GetResult(Tally state) => state.Count;
            }
            """);
        var folder = AggregatorCacheFolder.Open(Path.Combine(_cache.Path, "cache"));
        var first = await new AggregatorCache(folder).GetOrCompileAsync(content, "a.cs", TextWriter.Null, CancellationToken.None);
        var image = new AggregatorCache(folder).ImagePath(first.Hash);
        System.IO.File.SetLastWriteTimeUtc(image, DateTime.UtcNow - TimeSpan.FromDays(10));

        var second = await new AggregatorCache(folder).GetOrCompileAsync(content, "a.cs", TextWriter.Null, CancellationToken.None);

        Assert.Equal(CompileSource.DiskCache, second.Source);
        Assert.True(DateTime.UtcNow - System.IO.File.GetLastWriteTimeUtc(image) < TimeSpan.FromHours(1));
    }

    private string Entry(string seed, DateTimeOffset lastUsed)
    {
        var hash = Hash(seed);
        File(hash + ".json", lastUsed);
        File(hash + ".dll", lastUsed);
        return hash;
    }

    private string File(string name, DateTimeOffset lastWrite)
    {
        var path = _cache.File(name, "x");
        System.IO.File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        return path;
    }

    private string TemporaryName(string entryFile) =>
        Path.GetFileName(AtomicFile.TemporaryPath(Path.Combine(_cache.Path, entryFile), AtomicFile.RandomName()));

    private bool Exists(string hash, string extension) => System.IO.File.Exists(Path.Combine(_cache.Path, hash + extension));

    private static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
