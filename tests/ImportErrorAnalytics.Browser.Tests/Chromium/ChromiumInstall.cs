using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;

namespace ImportErrorAnalytics.Browser.Tests.Chromium;

/// <summary>
/// Puts <see cref="ChromiumPackage"/> on disk once: downloads the tarball (or takes <see cref="ChromiumPackage.TarballVariable"/>),
/// refuses it unless its SHA-512 is the pinned one, and unpacks it with .NET alone (gzip, tar, Brotli), so the tests
/// need the .NET SDK and the npm registry, not Node.js or npm. The folder appears whole or not at all: it is unpacked
/// beside its final name and renamed into place.
/// </summary>
internal static class ChromiumInstall
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The unpacked browser: its folder, its executable and its fontconfig folder.</summary>
    internal sealed record Installed(string Directory, string Executable, string FontConfigDirectory);

    /// <summary>Returns the unpacked browser, fetching and unpacking it first when it is not there yet.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux on x64: the package ships no other build.</exception>
    public static Task<Installed> EnsureAsync(CancellationToken cancellationToken)
    {
        var source = Environment.GetEnvironmentVariable(ChromiumPackage.TarballVariable);
        return EnsureAsync(CacheDirectory(), string.IsNullOrEmpty(source) ? ChromiumPackage.Registry() + ChromiumPackage.TarballPath : source, cancellationToken);
    }

    /// <summary>Returns the browser unpacked under <paramref name="cache"/>, from <paramref name="source"/> (an http(s) address or a file) when it is not there yet.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux on x64: the package ships no other build.</exception>
    /// <exception cref="InvalidOperationException">The tarball cannot be fetched, or is not the pinned one.</exception>
    internal static async Task<Installed> EnsureAsync(string cache, string source, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The browser tests run @sparticuz/chromium {ChromiumPackage.Version}, which ships Chromium for Linux x64 only; this is {RuntimeInformation.OSDescription} on {RuntimeInformation.OSArchitecture}.");
        }

        var target = Path.Combine(cache, "chromium-" + ChromiumPackage.Version);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsComplete(target))
            {
                Directory.CreateDirectory(cache);
                using var processLock = await LockAsync(Path.Combine(cache, "install.lock"), cancellationToken).ConfigureAwait(false);
                if (!IsComplete(target))
                {
                    await InstallAsync(cache, source, target, cancellationToken).ConfigureAwait(false);
                }
            }

            return new Installed(target, Path.Combine(target, "chromium"), target);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string CacheDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumPackage.CacheVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        return typeof(ChromiumInstall).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "IeaBrowserCache").Value!;
    }

    /// <summary>The marker is written last, after every file, and names the tarball's hash it came from.</summary>
    private static bool IsComplete(string target)
    {
        var marker = Path.Combine(target, ".complete");
        return File.Exists(marker) && File.ReadAllText(marker) == ChromiumPackage.Sha512;
    }

    /// <summary>Another test process (a second `dotnet test` of this project) waits for the first one's install.</summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task InstallAsync(string cache, string source, string target, CancellationToken cancellationToken)
    {
        var tarball = Path.Combine(cache, $"chromium-{ChromiumPackage.Version}.tgz");
        if (!File.Exists(tarball) || !HashMatches(tarball))
        {
            await FetchAsync(source, tarball, cancellationToken).ConfigureAwait(false);
        }

        var staging = target + ".part";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(staging);
        await UnpackAsync(tarball, staging, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(staging, "fonts.conf"), FontConfig(target), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(staging, ".complete"), ChromiumPackage.Sha512, cancellationToken).ConfigureAwait(false);
        Directory.Move(staging, target);
        File.Delete(tarball);
    }

    /// <summary>Downloads (or copies) the tarball beside its final name; it takes that name only once its hash is right.</summary>
    private static async Task FetchAsync(string source, string tarball, CancellationToken cancellationToken)
    {
        var part = tarball + ".part";
        try
        {
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var file = File.Create(part);
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
            else if (File.Exists(source))
            {
                File.Copy(source, part, overwrite: true);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{ChromiumPackage.TarballVariable} names neither an http(s) address nor a file: '{source}'.");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException(
                $"The browser tests could not download Chromium from {source} ({ex.Message}). On a machine without the npm " +
                $"registry, set {ChromiumPackage.TarballVariable} to a copy of @sparticuz/chromium {ChromiumPackage.Version}'s tarball.", ex);
        }

        if (!HashMatches(part))
        {
            File.Delete(part);
            throw new InvalidOperationException(
                $"The Chromium tarball from {source} is not @sparticuz/chromium {ChromiumPackage.Version} as pinned: its SHA-512 differs from the lockfile's. It was not unpacked.");
        }

        File.Move(part, tarball, overwrite: true);
    }

    private static bool HashMatches(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(file)) == ChromiumPackage.Sha512;
    }

    /// <summary>
    /// The tarball holds <c>package/bin/chromium.br</c> (the executable, Brotli) and Brotli-packed tars of fonts and
    /// SwiftShader (the software GL the executable loads from its own folder); the Amazon Linux libraries are not needed.
    /// </summary>
    private static async Task UnpackAsync(string tarball, string staging, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        await using var npm = new TarReader(gzip);
        while (await npm.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.DataStream is null)
            {
                continue;
            }

            switch (entry.Name)
            {
                case "package/bin/chromium.br":
                    var executable = Path.Combine(staging, "chromium");
                    await using (var brotli = new BrotliStream(entry.DataStream, CompressionMode.Decompress, leaveOpen: true))
                    await using (var file = File.Create(executable))
                    {
                        await brotli.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    }

                    break;
                case "package/bin/fonts.tar.br":
                case "package/bin/swiftshader.tar.br":
                    await using (var brotli = new BrotliStream(entry.DataStream, CompressionMode.Decompress, leaveOpen: true))
                    {
                        await ExtractTarAsync(brotli, staging, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        if (!File.Exists(Path.Combine(staging, "chromium")))
        {
            throw new InvalidOperationException("The Chromium tarball holds no package/bin/chromium.br.");
        }
    }

    /// <summary>Extracts regular files and folders only, each inside <paramref name="root"/>; anything else is refused.</summary>
    private static async Task ExtractTarAsync(Stream tar, string root, CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!path.StartsWith(fullRoot, StringComparison.Ordinal) && path + Path.DirectorySeparatorChar != fullRoot)
            {
                throw new InvalidOperationException($"The Chromium tarball's entry '{entry.Name}' points outside its folder.");
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"The Chromium tarball's entry '{entry.Name}' is a {entry.EntryType}, not a file or folder.");
            }
        }
    }

    /// <summary>
    /// The package's own fonts.conf names Lambda's folders; this one names the unpacked fonts (Open Sans), then the
    /// machine's, so a page's monospace text has a monospace face where the machine has one.
    /// </summary>
    private static string FontConfig(string target) => $"""
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig>
          <dir>{SecurityElement.Escape(Path.Combine(target, "fonts"))}</dir>
          <dir>/usr/share/fonts</dir>
          <cachedir>{SecurityElement.Escape(Path.Combine(target, "fonts-cache"))}</cachedir>
        </fontconfig>
        """;
}
