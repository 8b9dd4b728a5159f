namespace ImportErrorAnalytics.Escaping;

/// <summary>
/// A log message's parameter that came from outside: any text sink formats it through <see cref="ToString"/>, so it
/// is written quoted and escaped (<see cref="UntrustedText.Quote"/>) or escaped onto one line
/// (<see cref="UntrustedText.OneLine"/>), whatever logger the host uses; a structured sink still has the raw
/// <see cref="Text"/>.
/// </summary>
internal readonly struct Untrusted
{
    private readonly bool _quoted;

    private Untrusted(string? text, bool quoted)
    {
        Text = text;
        _quoted = quoted;
    }

    /// <summary>The text as it came.</summary>
    public string? Text { get; }

    /// <summary>A name or an identifier (import id, state, file name): formatted quoted.</summary>
    public static Untrusted Name(string? text) => new(text, quoted: true);

    /// <summary>Free text (an exception's message): formatted escaped onto one line, without quotes.</summary>
    public static Untrusted Message(string? text) => new(text, quoted: false);

    /// <inheritdoc />
    public override string ToString() => _quoted ? UntrustedText.Quote(Text) : UntrustedText.OneLine(Text);
}
