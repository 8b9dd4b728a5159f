using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace ImportErrorAnalytics.Files;

/// <summary>
/// File ownership on Unix, which .NET does not expose: <c>lstat</c>, <c>fstat</c> and <c>geteuid</c> through the
/// runtime's own native shim (<c>libSystem.Native</c>, whose <c>FileStatus</c> has the same layout on every Unix and
/// architecture). The shim is not a documented contract, so before the first use its answers are compared with what
/// .NET's managed APIs report for the same files; if they disagree, or the shim is missing, <see cref="Unavailable"/>
/// says why and nothing is trusted.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class UnixFiles
{
    private const string NativeLibrary = "libSystem.Native";

    private const int ENOENT = 2;

    private static readonly Lazy<string?> SelfCheck = new(CheckShim);

    /// <summary><see langword="null"/> when ownership can be read; otherwise why not.</summary>
    public static string? Unavailable => SelfCheck.Value;

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUserId => NativeMethods.GetEUid();

    /// <summary><c>lstat</c> of <paramref name="path"/>: <see langword="null"/> when nothing has that name.</summary>
    /// <exception cref="IOException">The status cannot be read for another reason (the errno is in the message).</exception>
    public static UnixFileStatus? LStat(string path)
    {
        if (NativeMethods.LStat(path, out var status) == 0)
        {
            return Convert(status);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw new IOException($"Cannot read the status of '{path}' (errno {errno}).");
    }

    /// <summary><c>stat</c> of <paramref name="path"/>, following links: <see langword="null"/> when nothing is there.</summary>
    /// <exception cref="IOException">The status cannot be read for another reason (the errno is in the message).</exception>
    public static UnixFileStatus? Stat(string path)
    {
        if (NativeMethods.Stat(path, out var status) == 0)
        {
            return Convert(status);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? null : throw new IOException($"Cannot read the status of '{path}' (errno {errno}).");
    }

    /// <summary><c>fstat</c> of an open file: the file actually opened, whatever its name points at now.</summary>
    /// <exception cref="IOException">The status cannot be read.</exception>
    public static UnixFileStatus FStat(SafeFileHandle handle) =>
        NativeMethods.FStat(handle, out var status) == 0
            ? Convert(status)
            : throw new IOException($"Cannot read the status of an open file (errno {Marshal.GetLastPInvokeError()}).");

    private static UnixFileStatus Convert(NativeMethods.FileStatus status) => new(status.Mode, status.Uid, status.Size, status.Dev, status.Ino);

    /// <summary>The shim's mode and size must be what <see cref="File.GetUnixFileMode(string)"/> and <see cref="FileInfo.Length"/> say.</summary>
    private static string? CheckShim()
    {
        try
        {
            var folder = LStat("/");
            var program = Environment.ProcessPath is { } path ? (Path: path, Status: LStat(path)) : default;
            // A link's own size and mode are not its target's, which is what the managed APIs report: compare files only.
            var agrees = folder is { IsDirectory: true } root
                && root.Permissions == File.GetUnixFileMode("/")
                && (program.Status is not { IsSymbolicLink: false } file
                    || (file.IsRegularFile && file.Size == new FileInfo(program.Path).Length && file.Permissions == File.GetUnixFileMode(program.Path)));
            return agrees ? null : "the runtime's file-status shim answered differently from .NET's own file APIs";
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            return $"file ownership cannot be read on this system ({ex.GetType().Name})";
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA2101:Specify marshaling for P/Invoke string arguments", Justification = "Paths are marshalled as UTF-8 (LPUTF8Str), which is what the shim takes.")]
    private static class NativeMethods
    {
        [DllImport(NativeLibrary, EntryPoint = "SystemNative_LStat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);

        [DllImport(NativeLibrary, EntryPoint = "SystemNative_Stat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);

        [DllImport(NativeLibrary, EntryPoint = "SystemNative_FStat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int FStat(SafeFileHandle fd, out FileStatus output);

        [DllImport(NativeLibrary, EntryPoint = "SystemNative_GetEUid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint GetEUid();

        /// <summary>The shim's <c>FileStatus</c> (src/native/libs/System.Native/pal_io.h in dotnet/runtime).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct FileStatus
        {
            public int Flags;
            public int Mode;
            public uint Uid;
            public uint Gid;
            public long Size;
            public long ATime;
            public long ATimeNsec;
            public long MTime;
            public long MTimeNsec;
            public long CTime;
            public long CTimeNsec;
            public long BirthTime;
            public long BirthTimeNsec;
            public long Dev;
            public long RDev;
            public long Ino;
            public uint UserFlags;
        }
    }
}
