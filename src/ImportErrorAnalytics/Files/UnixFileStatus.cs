namespace ImportErrorAnalytics.Files;

/// <summary>What <c>lstat(2)</c> or <c>fstat(2)</c> says about a file: its type, permission bits, owner and identity.</summary>
internal readonly record struct UnixFileStatus(int Mode, uint Owner, long Size, long Device, long Inode)
{
    private const int TypeMask = 0xF000;

    /// <summary>Whether it is a folder.</summary>
    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    /// <summary>Whether it is a regular file.</summary>
    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    /// <summary>Whether it is a symbolic link (only <c>lstat</c> says so).</summary>
    public bool IsSymbolicLink => (Mode & TypeMask) == 0xA000;

    /// <summary>The permission bits, set-id and sticky bits included.</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>Whether its group or everyone may write it (or, for a folder, add, rename and remove its entries).</summary>
    public bool WritableByGroupOrOthers => (Permissions & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    /// <summary>Whether a folder has the sticky bit: then only an entry's owner (or the folder's) may rename or remove it.</summary>
    public bool IsSticky => (Permissions & UnixFileMode.StickyBit) != 0;

    /// <summary>The permission bits in octal, as <c>ls</c> and <c>chmod</c> write them (<c>0777</c>, <c>1777</c>).</summary>
    public string OctalPermissions => Convert.ToString(Mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>Whether <paramref name="other"/> is the same file (same device and inode).</summary>
    public bool IsSameFileAs(UnixFileStatus other) => Device == other.Device && Inode == other.Inode;
}
