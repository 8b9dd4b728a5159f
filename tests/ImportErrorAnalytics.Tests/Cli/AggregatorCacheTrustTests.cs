using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The <c>--aggregator</c> compile cache runs only what this user compiled: it lives in the user's cache folder
/// (created 0700), refuses a folder anyone else can change, and loads an entry only when it is the image it wrote for
/// this source and these builds. Each refusal is reproduced with real modes and owners (the tests run as root, which
/// may give files to another user; the checks compare owners, which root cannot bypass).
/// </summary>
[UnsupportedOSPlatform("windows")]
[Slow(SlowKind.Process)]
public sealed class AggregatorCacheTrustTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CacheFolder => Path.Combine(_temp.Path, "cache");

    private static string Pages => SamplePaths.ImportDirectory;

    /// <summary>An aggregator counting errors, or (<paramref name="evil"/>) one that reports 42 whatever it reads.</summary>
    private static byte[] Source(bool evil = false) => Encoding.UTF8.GetBytes($$"""
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
            public long GetResult(Tally state) => {{(evil ? "42" : "state.Count")}};
        }
        """);

    private static async Task<(CompiledAggregators Compiled, string Stderr)> CompileAsync(AggregatorCache cache, byte[] content)
    {
        var stderr = new StringWriter();
        var compiled = await cache.GetOrCompileAsync(content, "rules.cs", stderr, CancellationToken.None);
        return (compiled, stderr.ToString());
    }

    /// <summary>What the file's aggregator reports on the sample import when loaded through <paramref name="cache"/>.</summary>
    private async Task<(long Result, string Stderr)> RunAsync(AggregatorCache cache, byte[] content)
    {
        var file = Path.Combine(_temp.Path, "rules-" + Guid.NewGuid().ToString("N") + ".cs");
        await File.WriteAllBytesAsync(file, content);
        var stderr = new StringWriter();
        var (set, code) = await CustomAggregatorSet.LoadAsync([file], stderr, cache, CancellationToken.None);
        Assert.True(code == ExitCodes.Success, stderr.ToString());
        using (set)
        {
            var report = await set!.AddTo(ImportErrorAnalyzer.CreateBuilder().AddPath(Pages)).Build().RunAsync();
            return (report.Custom["counted"].GetValue<long>(), stderr.ToString());
        }
    }

    [UnixFact]
    public void TheDefaultFolder_IsTheUsersCacheFolder_AndTheVariableNamesAnother()
    {
        static string? Locate(params (string Name, string Value)[] variables) =>
            AggregatorCacheFolder.Locate(name => variables.FirstOrDefault(v => v.Name == name).Value);

        var home = OperatingSystem.IsMacOS() ? "/home/ana/Library/Caches" : "/home/ana/.cache";
        Assert.Equal("/xdg/cache/iea/aggregators", Locate(("XDG_CACHE_HOME", "/xdg/cache"), ("HOME", "/home/ana")));
        Assert.Equal(home + "/iea/aggregators", Locate(("XDG_CACHE_HOME", "relative/cache"), ("HOME", "/home/ana")));
        Assert.Equal(home + "/iea/aggregators", Locate(("HOME", "/home/ana")));
        Assert.Equal("/somewhere/else", Locate(("IEA_AGGREGATOR_CACHE", "/somewhere/else"), ("HOME", "/home/ana")));
        Assert.Null(Locate());
        Assert.False(AggregatorCacheFolder.Open((string?)null).IsUsable);
        Assert.DoesNotContain("tmp", Locate(("HOME", "/home/ana")), StringComparison.Ordinal);
    }

    [UnixFact]
    public void MissingFolders_AreCreatedOwnerOnly()
    {
        var folder = Path.Combine(_temp.Path, "a", "b", "aggregators");

        var opened = AggregatorCacheFolder.Open(folder);

        Assert.True(opened.IsUsable, opened.Refusal);
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_temp.Path, "a")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_temp.Path, "a", "b")));
        Assert.Equal(Private, File.GetUnixFileMode(folder));
    }

    [UnixFact]
    public async Task AnEntry_IsAnOwnerOnlyImageAndAManifestOfItsSourceBuildsAndHash_LoadedByTheNextRun()
    {
        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var content = Source();

        var (first, _) = await CompileAsync(new AggregatorCache(folder), content);
        var (second, warnings) = await CompileAsync(new AggregatorCache(folder), content);

        Assert.Equal(CompileSource.DiskCache, second.Source);
        Assert.Empty(warnings);
        var cache = new AggregatorCache(folder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.ImagePath(first.Hash)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.ManifestPath(first.Hash)));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(cache.ManifestPath(first.Hash)));
        var root = manifest.RootElement;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), root.GetProperty("sourceSha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first.Image!)), root.GetProperty("imageSha256").GetString());
        Assert.Equal(AggregatorBuilds.Current.Compiler, root.GetProperty("builds").GetProperty("compiler").GetString());
        Assert.Equal(AggregatorBuilds.Current.Analyzers, root.GetProperty("builds").GetProperty("analyzers").GetString());
        Assert.Equal(AggregatorBuilds.Current.Library, root.GetProperty("builds").GetProperty("library").GetString());
    }

    /// <summary>The issue's attack: a cached image replaced by another one (same owner, same mode) must not run.</summary>
    [UnixFact]
    public async Task AReplacedImage_IsNotLoaded_TheFileIsCompiledAgain_AndItsOwnResultIsReported()
    {
        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var content = Source();
        var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
        var (evil, _) = await CompileAsync(new AggregatorCache(folder), Source(evil: true));
        var cache = new AggregatorCache(folder);
        File.Copy(cache.ImagePath(evil.Hash), cache.ImagePath(real.Hash), overwrite: true);
        File.SetUnixFileMode(cache.ImagePath(real.Hash), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (result, stderr) = await RunAsync(cache, content);

        Assert.Equal(600, result);
        Assert.Contains("is not loaded: the image is not the one its manifest records (SHA-256 differs); compiling it again.", stderr, StringComparison.Ordinal);
        Assert.Equal(real.Image, File.ReadAllBytes(cache.ImagePath(real.Hash)));
        Assert.Equal(CompileSource.DiskCache, (await CompileAsync(new AggregatorCache(folder), content)).Compiled.Source);
    }

    [UnixFact]
    public async Task AnotherSourcesEntry_UnderThisSourcesName_IsNotLoaded()
    {
        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var content = Source();
        var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
        var (evil, _) = await CompileAsync(new AggregatorCache(folder), Source(evil: true));
        var cache = new AggregatorCache(folder);
        File.Copy(cache.ImagePath(evil.Hash), cache.ImagePath(real.Hash), overwrite: true);
        File.Copy(cache.ManifestPath(evil.Hash), cache.ManifestPath(real.Hash), overwrite: true);

        var (result, stderr) = await RunAsync(cache, content);

        Assert.Equal(600, result);
        Assert.Contains("its manifest was written for another source", stderr, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task AnEntryWhoseManifestNamesOtherBuilds_IsNotLoaded()
    {
        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var content = Source();
        var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
        var cache = new AggregatorCache(folder);
        var manifest = JsonNode.Parse(File.ReadAllText(cache.ManifestPath(real.Hash)))!;
        manifest["builds"]!["analyzers"] = "ImportErrorAnalytics.Analyzers 0.0.1 00000000000000000000000000000000";
        File.WriteAllText(cache.ManifestPath(real.Hash), manifest.ToJsonString());

        var (again, stderr) = await CompileAsync(cache, content);

        Assert.Equal(CompileSource.Compiled, again.Source);
        Assert.Contains("its manifest was written by other builds", stderr, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task AnEntryWithoutAReadableManifest_IsNotLoaded()
    {
        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var content = Source();
        var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
        var cache = new AggregatorCache(folder);
        File.WriteAllText(cache.ManifestPath(real.Hash), "{\"format\":\"iea-aggregator-cache-entry\"");

        var (again, stderr) = await CompileAsync(cache, content);

        Assert.Equal(CompileSource.Compiled, again.Source);
        Assert.Contains("is not a cache manifest", stderr, StringComparison.Ordinal);
    }

    [UnixFact(ChangesOwner = true)]
    public async Task AnImageOrManifestOwnedByAnotherUser_IsNotLoaded()
    {
        foreach (var manifest in new[] { false, true })
        {
            var folder = AggregatorCacheFolder.Open(CacheFolder);
            var content = Source();
            var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
            var cache = new AggregatorCache(folder);
            var file = manifest ? cache.ManifestPath(real.Hash) : cache.ImagePath(real.Hash);
            UnixOwnership.GiveToOtherUser(file);

            var (again, stderr) = await CompileAsync(cache, content);

            Assert.Equal(CompileSource.Compiled, again.Source);
            Assert.Contains($"'{file}' is owned by user {UnixOwnership.OtherUser}, not by you", stderr, StringComparison.Ordinal);
        }
    }

    [UnixFact]
    public async Task AnImageOrManifestOthersCanWrite_IsNotLoaded()
    {
        foreach (var (manifest, mode) in new[] { (false, "0620"), (false, "0602"), (true, "0620"), (true, "0666") })
        {
            var folder = AggregatorCacheFolder.Open(CacheFolder);
            var content = Source();
            var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
            var cache = new AggregatorCache(folder);
            var file = manifest ? cache.ManifestPath(real.Hash) : cache.ImagePath(real.Hash);
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32(mode, 8));

            var (again, stderr) = await CompileAsync(cache, content);

            Assert.Equal(CompileSource.Compiled, again.Source);
            Assert.Contains($"'{file}' can be written by its group or by others (mode {mode})", stderr, StringComparison.Ordinal);
        }
    }

    [UnixFact]
    public async Task AnImageThatIsASymbolicLink_IsNotLoaded()
    {
        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var content = Source();
        var (real, _) = await CompileAsync(new AggregatorCache(folder), content);
        var cache = new AggregatorCache(folder);
        var elsewhere = Path.Combine(_temp.Path, "image.dll");
        File.Move(cache.ImagePath(real.Hash), elsewhere);
        File.CreateSymbolicLink(cache.ImagePath(real.Hash), elsewhere);

        var (again, stderr) = await CompileAsync(cache, content);

        Assert.Equal(CompileSource.Compiled, again.Source);
        Assert.Contains($"'{cache.ImagePath(real.Hash)}' is not a regular file", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// The other half of the issue's attack: someone creates the folder first, open to all, and plants an entry. The
    /// folder is refused as a whole (never read, written or pruned), with one warning however many files are compiled.
    /// </summary>
    [UnixFact]
    public async Task AFolderOthersCanWrite_IsNotUsed_ItsEntriesAreNotLoaded_AndTheWarningIsGivenOnce()
    {
        var content = Source();
        var planted = AggregatorCacheFolder.Open(CacheFolder);
        var (real, _) = await CompileAsync(new AggregatorCache(planted), content);
        var (evil, _) = await CompileAsync(new AggregatorCache(planted), Source(evil: true));
        var plantedCache = new AggregatorCache(planted);
        File.Copy(plantedCache.ImagePath(evil.Hash), plantedCache.ImagePath(real.Hash), overwrite: true);
        var manifest = JsonNode.Parse(File.ReadAllText(plantedCache.ManifestPath(evil.Hash)))!;
        manifest["key"] = real.Hash;
        manifest["sourceSha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        File.WriteAllText(plantedCache.ManifestPath(real.Hash), manifest.ToJsonString());
        File.SetUnixFileMode(CacheFolder, (UnixFileMode)Convert.ToInt32("777", 8));
        var before = Directory.GetFiles(CacheFolder).Order().ToList();

        var cache = new AggregatorCache(AggregatorCacheFolder.Open(CacheFolder));
        var (result, stderr) = await RunAsync(cache, content);
        var (other, _) = await CompileAsync(cache, Source());
        var stderrAgain = new StringWriter();
        await cache.GetOrCompileAsync(Source(), "third.cs", stderrAgain, CancellationToken.None);

        Assert.Equal(600, result);
        Assert.Equal(CompileSource.Compiled, other.Source);
        Assert.Equal(
            $"iea: warning: the aggregator cache '{CacheFolder}' is not used: '{CacheFolder}' can be written by its group or by others (mode 0777; chmod go-w fixes it); aggregator files are compiled in memory.",
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(stderrAgain.ToString());
        Assert.Equal(before, Directory.GetFiles(CacheFolder).Order().ToList());
    }

    [UnixFact]
    public void AFolderItsGroupCanWrite_IsNotUsed()
    {
        AggregatorCacheFolder.Open(CacheFolder);
        File.SetUnixFileMode(CacheFolder, Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var folder = AggregatorCacheFolder.Open(CacheFolder);

        Assert.False(folder.IsUsable);
        Assert.Equal($"'{CacheFolder}' can be written by its group or by others (mode 0770; chmod go-w fixes it)", folder.Refusal);
    }

    [UnixFact(ChangesOwner = true)]
    public async Task AFolderOwnedByAnotherUser_IsNotUsed()
    {
        AggregatorCacheFolder.Open(CacheFolder);
        UnixOwnership.GiveToOtherUser(CacheFolder);

        var folder = AggregatorCacheFolder.Open(CacheFolder);
        var (compiled, stderr) = await CompileAsync(new AggregatorCache(folder), Source());

        Assert.False(folder.IsUsable);
        Assert.Contains($"'{CacheFolder}' is owned by user {UnixOwnership.OtherUser}, not by you", folder.Refusal, StringComparison.Ordinal);
        Assert.Contains("aggregator files are compiled in memory", stderr, StringComparison.Ordinal);
        Assert.Equal(CompileSource.Compiled, compiled.Source);
        Assert.Empty(Directory.GetFiles(CacheFolder));
    }

    [UnixFact]
    public void AFolderAboveThatOthersCanWrite_IsRefused_UnlessItHasTheStickyBit()
    {
        var inside = Path.Combine(_temp.Path, "shared", "cache");
        AggregatorCacheFolder.Open(inside);
        var shared = Path.Combine(_temp.Path, "shared");

        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("777", 8));
        var open = AggregatorCacheFolder.Open(inside);
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));
        var sticky = AggregatorCacheFolder.Open(inside);

        Assert.Equal($"'{shared}', a folder above it, can be written by its group or by others and has no sticky bit (mode 0777)", open.Refusal);
        Assert.True(sticky.IsUsable, sticky.Refusal);
    }

    [UnixFact(ChangesOwner = true)]
    public void AFolderAboveOwnedByAnotherUser_IsRefused()
    {
        var inside = Path.Combine(_temp.Path, "theirs", "cache");
        AggregatorCacheFolder.Open(inside);
        UnixOwnership.GiveToOtherUser(Path.Combine(_temp.Path, "theirs"));

        var folder = AggregatorCacheFolder.Open(inside);

        Assert.Contains($"'{Path.Combine(_temp.Path, "theirs")}', a folder above it, is owned by user {UnixOwnership.OtherUser}", folder.Refusal, StringComparison.Ordinal);
    }

    [UnixFact(ChangesOwner = true)]
    public void ASymbolicLinkOnTheWay_IsFollowedAndItsTargetChecked_AndMustBeOwnedByYouOrRoot()
    {
        var target = Path.Combine(_temp.Path, "real-cache");
        AggregatorCacheFolder.Open(target);
        var link = Path.Combine(_temp.Path, "link");
        File.CreateSymbolicLink(link, target);

        var followed = AggregatorCacheFolder.Open(link);
        File.SetUnixFileMode(target, (UnixFileMode)Convert.ToInt32("777", 8));
        var openTarget = AggregatorCacheFolder.Open(link);
        File.SetUnixFileMode(target, Private);
        UnixOwnership.GiveToOtherUser(link);
        var theirLink = AggregatorCacheFolder.Open(link);

        Assert.True(followed.IsUsable, followed.Refusal);
        Assert.StartsWith($"'{target}' can be written by its group or by others", openTarget.Refusal, StringComparison.Ordinal);
        Assert.StartsWith($"'{link}' is a symbolic link owned by user {UnixOwnership.OtherUser}", theirLink.Refusal, StringComparison.Ordinal);
    }

    /// <summary>
    /// The issue's reproduction, end to end through <c>iea report</c> in child processes with a home of their own: the
    /// default cache is created 0700 under <c>~/.cache</c>, and an image replaced there is not what the next run runs.
    /// </summary>
    [UnixFact]
    public async Task TheCommandLine_CachesUnderTheUsersHome_AndDoesNotRunAReplacedImage()
    {
        var home = Directory.CreateDirectory(Path.Combine(_temp.Path, "home")).FullName;
        var real = Path.Combine(_temp.Path, "Real.cs");
        var evil = Path.Combine(_temp.Path, "Evil.cs");
        await File.WriteAllBytesAsync(real, Source());
        await File.WriteAllBytesAsync(evil, Source(evil: true));
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["XDG_CACHE_HOME"] = null, ["IEA_AGGREGATOR_CACHE"] = null };
        var iea = typeof(IeaCommand).Assembly.Location;
        Task<ProcessResult> Report(string file) =>
            Processes.RunAsync(Processes.Dotnet, [iea, "report", "--input", Pages, "--aggregator", file], _temp.Path, TimeSpan.FromMinutes(3), environment);

        var evilRun = await Report(evil);
        var realRun = await Report(real);
        var folder = Path.Combine(home, ".cache", "iea", "aggregators");
        var keys = Directory.GetFiles(folder, "*.json").ToDictionary(
            manifest => JsonDocument.Parse(File.ReadAllBytes(manifest)).RootElement.GetProperty("sourceSha256").GetString()!,
            manifest => Path.ChangeExtension(manifest, ".dll"));
        string ImageOf(string file) => keys[Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))];
        File.Copy(ImageOf(evil), ImageOf(real), overwrite: true);
        var attacked = await Report(real);

        Assert.True(evilRun.ExitCode == 0, evilRun.Describe());
        Assert.True(realRun.ExitCode == 0, realRun.Describe());
        Assert.True(attacked.ExitCode == 0, attacked.Describe());
        Assert.Equal(42, Counted(evilRun));
        Assert.Equal(600, Counted(realRun));
        Assert.Equal(600, Counted(attacked));
        Assert.Contains("the image is not the one its manifest records", attacked.Stderr, StringComparison.Ordinal);
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(home, ".cache")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(home, ".cache", "iea")));
        Assert.Equal(Private, File.GetUnixFileMode(folder));

        static long Counted(ProcessResult run) =>
            JsonDocument.Parse(run.Stdout).RootElement.GetProperty("custom").GetProperty("counted").GetInt64();
    }
}
