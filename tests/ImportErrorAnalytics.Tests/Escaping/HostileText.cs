using System.Buffers;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Tests.Escaping;

/// <summary>
/// Text an attacker puts where <c>iea</c> will print it: line breaks followed by GitHub Actions workflow commands, ANSI
/// and OSC escape sequences, C1 controls, NEL, line and paragraph separators, bidirectional overrides, invisible and
/// tag characters, unpaired surrogates, and very long runs; and the checks that stderr stays safe.
/// </summary>
internal static class HostileText
{
    private static readonly string[] Parts =
    [
        "\n::error::pwned", "\r\n::warning file=a.cs,line=1::x", "::error::", "::set-output name=x::y", "\r", "\n", "\u0085", "\u2028", "\u2029",
        "\u000b", "\u000c", "\u001b[31mred\u001b[0m", "\u001b]0;title\u0007", "\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\",
        "\u009b2J", "\u007f", "\0", "\t", "\u202e", "\u2066", "\u200f", "\u061c", "\ud800", "\udfff", "😀", "'", "\"", "\\", "`", "ok", "iea: fake",
        "é", "\u00ad", "\u2060", "\U000E0041", "\uFEFF", "\u3164", "\uFE0F",
    ];

    /// <summary>Hostile strings, sometimes tens of thousands of characters long.</summary>
    public static Gen<string> Strings => Gen.Frequency(
        (12, Gen.Elements(Parts).ArrayOf().Select(parts => string.Concat(parts.Take(8)))),
        (1, Gen.Choose(1_000, 30_000).Select(n => "\n::error::" + new string('a', n) + "\u001b[2J\n::error::end")));

    /// <summary>Hostile strings without unpaired surrogates: what a JSON text (a snapshot, a HubSpot answer) can hold.</summary>
    public static Gen<string> WellFormed => Strings.Select(s => "w" + string.Concat(Runes(s).Where(r => r is not null).Select(r => r!.Value.ToString())));

    /// <summary>Hostile strings that can name a file on Linux: no '/', no NUL, no unpaired surrogate, at most 200 UTF-8 bytes.</summary>
    public static Gen<string> FileNames => Strings.Select(s =>
    {
        var name = new StringBuilder();
        foreach (var rune in Runes(s))
        {
            if (rune is { } r && r.Value is not ('/' or 0) && Encoding.UTF8.GetByteCount(name.ToString()) + r.Utf8SequenceLength <= 200)
            {
                name.Append(r.ToString());
            }
        }

        return "x" + name;
    });

    /// <summary>The code points of <paramref name="text"/>; <see langword="null"/> for each unpaired surrogate.</summary>
    public static IEnumerable<Rune?> Runes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            yield return status == OperationStatus.Done ? rune : null;
            i += used;
        }
    }

    /// <summary>
    /// Standard error as iea must write it: every line is one of iea's own (it starts with <c>iea</c>, or is the usage
    /// hint), so no text from outside started a line; no line starts with <c>::</c>; and no line holds a control
    /// character (ESC, and so no escape sequence), line or paragraph separator, bidirectional or other invisible
    /// character, or unpaired surrogate.
    /// </summary>
    public static void AssertSafeStderr(string stderr)
    {
        Assert.False(string.IsNullOrEmpty(stderr), "iea said nothing on stderr.");
        Assert.EndsWith("\n", stderr, StringComparison.Ordinal);
        foreach (var line in stderr[..^1].Split('\n'))
        {
            Assert.False(line.StartsWith("::", StringComparison.Ordinal), $"A line starts a workflow command: {Show(line)}");
            Assert.True(
                line.StartsWith("iea", StringComparison.Ordinal) || line.StartsWith("Run 'iea --help'", StringComparison.Ordinal),
                $"A line iea did not start: {Show(line)}");
            AssertVisible(line);
        }
    }

    /// <summary>Asserts <paramref name="text"/> holds nothing <see cref="EscapedText"/> would escape, except line feeds.</summary>
    public static void AssertVisible(string text)
    {
        // The messages are built only on failure: built for every code point, they made this check quadratic.
        foreach (var rune in Runes(text))
        {
            if (rune is not { } shown)
            {
                Assert.Fail($"An unpaired surrogate in {Show(text)}");
                return;
            }

            if (shown.Value != '\n' && EscapedText.IsInvisible(shown))
            {
                Assert.Fail($"U+{shown.Value:X4} shown raw in {Show(text)}");
            }
        }
    }

    /// <summary>
    /// Decodes what <see cref="EscapedText.Append"/> wrote with backslashes escaped: <c>\\</c>, <c>\'</c>, <c>\"</c>,
    /// <c>\|</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\uXXXX</c> (a UTF-16 code unit) and <c>\u{X...}</c> (a code point).
    /// </summary>
    public static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'u' when text[i + 1] == '{':
                    var close = text.IndexOf('}', i);
                    result.Append(char.ConvertFromUtf32(int.Parse(text.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i = close;
                    break;
                case 'u':
                    result.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: result.Append(next); break;
            }
        }

        return result.ToString();
    }

    private static string Show(string text) => UntrustedText.Quote(text.Length > 300 ? text[..300] : text);
}
