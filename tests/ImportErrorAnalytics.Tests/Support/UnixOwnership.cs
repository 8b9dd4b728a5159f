using System.Runtime.InteropServices;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Gives files to another user (as root), which .NET has no API for.</summary>
internal static class UnixOwnership
{
    /// <summary>The user the tests give files to: <c>nobody</c> on most systems.</summary>
    public const uint OtherUser = 65534;

    /// <summary>Makes <see cref="OtherUser"/> the owner of <paramref name="path"/> (of the link itself when it is one).</summary>
    public static void GiveToOtherUser(string path)
    {
        if (NativeMethods.LChown(System.Text.Encoding.UTF8.GetBytes(path + "\0"), OtherUser, OtherUser) != 0)
        {
            throw new IOException($"lchown '{path}' failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
        public static extern int LChown(byte[] nullTerminatedUtf8Path, uint owner, uint group);
    }
}
