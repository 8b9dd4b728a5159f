using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>
/// Opaque paging cursors: the base64url of the position (an error offset, a page-file index or a list offset),
/// optionally with a suffix so that an empty page can hand out a new cursor to the same position.
/// </summary>
internal static class PageCursor
{
    public static string Encode(long position, bool again = false) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(position.ToString(CultureInfo.InvariantCulture) + (again ? ":again" : "")));

    public static bool TryDecode(string cursor, out long position)
    {
        position = -1;
        if (cursor.Length is 0 or > 64)
        {
            return false;
        }

        // TryDecodeFromChars throws on characters outside the alphabet (its "Try" is about the destination size).
        var chars = cursor.AsSpan().TrimEnd('=');
        Span<byte> bytes = stackalloc byte[64];
        if (!Base64Url.IsValid(chars) || !Base64Url.TryDecodeFromChars(chars, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var digits = colon < 0 ? text : text[..colon];
        return digits.Length > 0
            && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out position);
    }
}
