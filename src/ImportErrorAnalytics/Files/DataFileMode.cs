using System.Globalization;

namespace ImportErrorAnalytics.Files;

/// <summary>
/// The permissions of the files of data the library writes on Unix: owner-only (<c>0600</c>) unless the environment
/// variable <c>IEA_FILE_MODE</c> names another mode in octal (<c>640</c>, <c>0644</c>) that keeps the owner's read and
/// write. The mode is given when the file is created, so the process umask can only narrow it.
/// </summary>
internal static class DataFileMode
{
    /// <summary>The environment variable that widens the mode.</summary>
    public const string Variable = "IEA_FILE_MODE";

    /// <summary>Read and write for the owner only: <c>0600</c>.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode from <c>IEA_FILE_MODE</c>, or <see cref="OwnerOnly"/> when it is not set.</summary>
    /// <exception cref="InvalidOperationException">The variable holds something else than an accepted mode.</exception>
    public static UnixFileMode Current =>
        TryParse(Environment.GetEnvironmentVariable(Variable), out var mode, out var error) ? mode : throw new InvalidOperationException(error);

    /// <summary>
    /// Reads a mode: empty or <see langword="null"/> is <see cref="OwnerOnly"/>; otherwise one to four octal digits, at
    /// most <c>0777</c> (no set-id or sticky bits), with the owner's read and write.
    /// </summary>
    public static bool TryParse(string? text, out UnixFileMode mode, out string? error)
    {
        mode = OwnerOnly;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var digits = text.Trim();
        var value = 0;
        var valid = digits.Length is >= 1 and <= 4;
        foreach (var c in digits)
        {
            valid &= c is >= '0' and <= '7';
            value = (value * 8) + (c - '0');
        }

        if (!valid || value > 0b111_111_111 || (value & 0b110_000_000) != 0b110_000_000)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{Variable} must be an octal file mode of at most 0777 that keeps the owner's read and write (600, 640, 644), not '{text}'.");
            return false;
        }

        mode = (UnixFileMode)value;
        return true;
    }
}
