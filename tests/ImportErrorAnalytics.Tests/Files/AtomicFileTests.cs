using System.Runtime.Versioning;
using System.Text;
using ImportErrorAnalytics.Files;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Files;

/// <summary>
/// The one writer of files of data: a whole file or nothing, owner-only from the moment it exists, through a temporary
/// file created exclusively under a random name (never an existing file or link), flushed to disk before the rename,
/// and removed when anything fails.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Target => Path.Combine(_temp.Path, "report.json");

    private static byte[] Content { get; } = Encoding.UTF8.GetBytes("{\"errors\":600}\n");

    private static ValueTask WriteContent(Stream stream, CancellationToken cancellationToken) => stream.WriteAsync(Content, cancellationToken);

    /// <summary>Names handed out in order, then fresh random ones; counts how many were asked for.</summary>
    private sealed class Names(params string[] first)
    {
        private readonly Queue<string> _queue = new(first);

        public int Drawn { get; private set; }

        public string Next()
        {
            Drawn++;
            return _queue.TryDequeue(out var name) ? name : AtomicFile.RandomName();
        }
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Write_ReplacesTheTarget_WithAnOwnerOnlyFile_AndLeavesNothingElse()
    {
        await File.WriteAllTextAsync(Target, "old");
        File.SetUnixFileMode(Target, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await AtomicFile.WriteAsync(Target, WriteContent, new AtomicFileOptions(), CancellationToken.None);

        Assert.Equal(Content, await File.ReadAllBytesAsync(Target));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(_temp.Path));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheTemporaryFile_IsOwnerOnlyFromItsCreation()
    {
        UnixFileMode? modeWhileWriting = null;

        await AtomicFile.WriteAsync(
            Target,
            (stream, ct) =>
            {
                modeWhileWriting = File.GetUnixFileMode(((FileStream)stream).Name);
                return stream.WriteAsync(Content, ct);
            },
            new AtomicFileOptions(),
            CancellationToken.None);

        Assert.Equal(OwnerOnly, modeWhileWriting);
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheModeOption_WidensTheFile()
    {
        var mode = OwnerOnly | UnixFileMode.GroupRead;

        await AtomicFile.WriteAsync(Target, WriteContent, new AtomicFileOptions { Mode = mode }, CancellationToken.None);

        Assert.Equal(mode, File.GetUnixFileMode(Target));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ADevice_IsWrittenInPlace_NotReplacedByAFile()
    {
        // `--out /dev/null` as root once renamed a regular file over /dev/null.
        Assert.True(AtomicFile.IsSpecialFile("/dev/null"));
        var before = UnixFiles.Stat("/dev/null");

        await AtomicFile.WriteAsync("/dev/null", Content, CancellationToken.None);

        var after = UnixFiles.Stat("/dev/null");
        Assert.True(after is { IsRegularFile: false, IsDirectory: false }, "/dev/null is no longer a device");
        Assert.True(before!.Value.IsSameFileAs(after!.Value));
        Assert.Empty(Directory.EnumerateFiles("/dev", ".null.*.tmp"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task APipe_IsWrittenInPlace_AndItsReaderGetsTheContent()
    {
        var fifo = Path.Combine(_temp.Path, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var read = Task.Run(() => File.ReadAllBytes(fifo));
        await AtomicFile.WriteAsync(fifo, Content, CancellationToken.None);

        Assert.Equal(Content, await read.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.False(UnixFiles.Stat(fifo)!.Value.IsRegularFile);
        Assert.Equal(["pipe"], Directory.EnumerateFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ARegularFile_AMissingOne_AndALinkToAFile_AreReplacedByRename()
    {
        File.WriteAllBytes(Target, Content);
        var link = Path.Combine(_temp.Path, "link.json");
        File.CreateSymbolicLink(link, Target);

        Assert.False(AtomicFile.IsSpecialFile(Target));
        Assert.False(AtomicFile.IsSpecialFile(link));
        Assert.False(AtomicFile.IsSpecialFile(Path.Combine(_temp.Path, "missing.json")));
    }

    [Fact]
    public async Task AWriteThatThrows_LeavesNoTemporaryFile_AndTheTargetAsItWas()
    {
        await File.WriteAllTextAsync(Target, "old");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(
            Target,
            async (stream, ct) =>
            {
                await stream.WriteAsync(Content, ct);
                await stream.FlushAsync(ct);
                throw new InvalidOperationException("the report writer failed");
            },
            new AtomicFileOptions(),
            CancellationToken.None));

        Assert.Equal("the report writer failed", thrown.Message);
        Assert.Equal("old", await File.ReadAllTextAsync(Target));
        Assert.Equal([Target], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task ACancelledWrite_LeavesNoTemporaryFile()
    {
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(
            Target,
            async (stream, ct) =>
            {
                await stream.WriteAsync(Content, ct);
                await cancel.CancelAsync();
                ct.ThrowIfCancellationRequested();
            },
            new AtomicFileOptions(),
            cancel.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task ARenameThatFails_LeavesNoTemporaryFile()
    {
        // A folder with the target's name: the data is written, flushed, and then cannot be renamed over it.
        Directory.CreateDirectory(Target);
        await File.WriteAllTextAsync(Path.Combine(Target, "inside.txt"), "kept");

        await Assert.ThrowsAnyAsync<IOException>(() => AtomicFile.WriteAsync(Target, WriteContent, new AtomicFileOptions(), CancellationToken.None));

        Assert.Equal([Target], Directory.GetFileSystemEntries(_temp.Path));
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(Target, "inside.txt")));
    }

    [Fact]
    public async Task AFolderThatDoesNotExist_FailsWithoutCreatingAnything()
    {
        var target = Path.Combine(_temp.Path, "missing", "report.json");

        await Assert.ThrowsAnyAsync<IOException>(() => AtomicFile.WriteAsync(target, WriteContent, new AtomicFileOptions(), CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    /// <summary>
    /// Someone who can write the folder plants links at the next temporary names (one to a file of theirs, one to a
    /// file that does not exist yet): neither link is followed, written through or removed; another name is drawn.
    /// </summary>
    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task LinksAtTheTemporaryNames_AreNeitherFollowedNorRemoved_AndAnotherNameIsDrawn()
    {
        var victim = Path.Combine(_temp.Path, "victim.txt");
        await File.WriteAllTextAsync(victim, "victim");
        var absent = Path.Combine(_temp.Path, "would-be-created.txt");
        var toVictim = AtomicFile.TemporaryPath(Target, "taken1");
        var dangling = AtomicFile.TemporaryPath(Target, "taken2");
        File.CreateSymbolicLink(toVictim, victim);
        File.CreateSymbolicLink(dangling, absent);
        var names = new Names("taken1", "taken2");

        await AtomicFile.WriteAsync(Target, WriteContent, new AtomicFileOptions { NewTemporaryName = names.Next }, CancellationToken.None);

        Assert.Equal(3, names.Drawn);
        Assert.Equal(Content, await File.ReadAllBytesAsync(Target));
        Assert.Equal("victim", await File.ReadAllTextAsync(victim));
        Assert.False(File.Exists(absent));
        Assert.Equal(victim, new FileInfo(toVictim).LinkTarget);
        Assert.Equal(absent, new FileInfo(dangling).LinkTarget);
    }

    [Fact]
    public async Task WhenEveryNameIsTaken_TheWriteFails_AndTouchesNothing()
    {
        var taken = AtomicFile.TemporaryPath(Target, "taken");
        await File.WriteAllTextAsync(taken, "someone else's");
        var names = new Names([.. Enumerable.Repeat("taken", AtomicFile.MaxNameAttempts)]);

        await Assert.ThrowsAnyAsync<IOException>(() => AtomicFile.WriteAsync(Target, WriteContent, new AtomicFileOptions { NewTemporaryName = names.Next }, CancellationToken.None));

        Assert.Equal(AtomicFile.MaxNameAttempts, names.Drawn);
        Assert.Equal("someone else's", await File.ReadAllTextAsync(taken));
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task TheData_IsFlushedToDisk_WholeAndBeforeTheRename()
    {
        var flushes = new List<(long BytesInTheFile, bool TargetExists)>();
        var options = new AtomicFileOptions
        {
            Open = (path, streamOptions) => new FlushRecordingStream(path, streamOptions, () => flushes.Add((new FileInfo(path).Length, File.Exists(Target)))),
        };
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);

        await AtomicFile.WriteAsync(Target, (stream, ct) => stream.WriteAsync(content, ct), options, CancellationToken.None);

        Assert.Equal([(content.LongLength, false)], flushes);
        Assert.Equal(content, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task Text_IsWrittenAsUtf8WithoutAByteOrderMark()
    {
        await AtomicFile.WriteTextAsync(Target, "café ✓", CancellationToken.None);

        Assert.Equal(Encoding.UTF8.GetBytes("café ✓"), await File.ReadAllBytesAsync(Target));
    }

    [Theory]
    [InlineData(null, "600")]
    [InlineData("", "600")]
    [InlineData("600", "600")]
    [InlineData("640", "640")]
    [InlineData("0644", "644")]
    [InlineData(" 660 ", "660")]
    [InlineData("777", "777")]
    public void DataFileMode_ReadsOctalModesThatKeepTheOwnersReadAndWrite(string? text, string expected)
    {
        Assert.True(DataFileMode.TryParse(text, out var mode, out var error), error);
        Assert.Equal((UnixFileMode)Convert.ToInt32(expected, 8), mode);
    }

    [Theory]
    [InlineData("400")]
    [InlineData("200")]
    [InlineData("1777")]
    [InlineData("4600")]
    [InlineData("800")]
    [InlineData("rw-------")]
    [InlineData("0o640")]
    [InlineData("06400")]
    public void DataFileMode_RefusesAnythingElse_NamingTheVariable(string text)
    {
        Assert.False(DataFileMode.TryParse(text, out _, out var error));
        Assert.StartsWith("IEA_FILE_MODE must be an octal file mode", error, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
    }

    /// <summary>A file stream that reports each flush to disk before it happens.</summary>
    private sealed class FlushRecordingStream(string path, FileStreamOptions options, Action onFlushToDisk) : FileStream(path, options)
    {
        public override void Flush(bool flushToDisk)
        {
            if (flushToDisk)
            {
                onFlushToDisk();
            }

            base.Flush(flushToDisk);
        }
    }
}
