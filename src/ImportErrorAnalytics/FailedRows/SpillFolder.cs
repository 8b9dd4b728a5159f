using System.Security.Cryptography;

namespace ImportErrorAnalytics.FailedRows;

/// <summary>
/// The folder of a run's spill files, which hold row data: beside the CSV (not in a shared temporary folder), named
/// <c>.NAME.spill-RANDOM</c>, made owner-only (<c>0700</c>, its files <c>0600</c>) when the first run is spilled, and
/// deleted with everything in it when the run ends, however it ends.
/// </summary>
internal sealed class SpillFolder(string csvPath) : IDisposable
{
    private readonly Lock _lock = new();
    private string? _path;
    private int _files;

    /// <summary>The folder, once made.</summary>
    public string? Path => _path;

    /// <summary>Spill files made so far.</summary>
    public int Files => Volatile.Read(ref _files);

    /// <summary>A new spill file's path, opened for writing (owner-only).</summary>
    public FileStream Create(out string path)
    {
        var folder = EnsureCreated();
        path = System.IO.Path.Combine(folder, $"run-{Interlocked.Increment(ref _files):D6}.bin");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 64 * 1024 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private string EnsureCreated()
    {
        lock (_lock)
        {
            if (_path is not null)
            {
                return _path;
            }

            var full = System.IO.Path.GetFullPath(csvPath);
            var folder = System.IO.Path.Combine(
                System.IO.Path.GetDirectoryName(full) ?? ".",
                $".{System.IO.Path.GetFileName(full)}.spill-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                // A folder of that random name already there (made by someone else) is refused, not reused.
                if (Directory.Exists(folder) || File.Exists(folder))
                {
                    throw new IOException($"The spill folder {folder} exists already.");
                }

                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            _path = folder;
            return folder;
        }
    }

    /// <summary>Deletes the folder and its files (nothing when none was made).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_path is not null && Directory.Exists(_path))
            {
                Directory.Delete(_path, recursive: true);
            }

            _path = null;
        }
    }
}
