using System.Diagnostics.CodeAnalysis;
using System.Text;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// Standard error as <c>iea</c> writes it: each <c>WriteLine</c> is exactly one line. Whatever a message holds (an import
/// name, HubSpot's message, a file name from a directory or a snapshot, an exception's text), its control characters,
/// line breaks and other invisible code points are written as escapes (<see cref="UntrustedText.OneLine"/>), so no text
/// from outside can start a line (a GitHub Actions <c>::error::</c> command), move the cursor or colour the terminal.
/// </summary>
/// <remarks>
/// The messages themselves quote the untrusted names they hold (<see cref="UntrustedText.Quote"/>); this writer is the
/// net under them, for every message, including those of the runtime and of user code. Only the live progress line
/// (drawn on <see cref="Console.Error"/> itself, with the terminal's cursor sequences) bypasses it.
/// </remarks>
internal sealed class OneLineWriter(TextWriter inner) : TextWriter
{
    /// <summary>The writer lines end up on.</summary>
    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    /// <summary>The writer under <paramref name="writer"/> if it is a <see cref="OneLineWriter"/>, else itself.</summary>
    public static TextWriter Unwrap(TextWriter writer) => writer is OneLineWriter oneLine ? oneLine.Inner : writer;

    /// <summary>Wraps <paramref name="writer"/> unless it already is one.</summary>
    public static OneLineWriter Wrap(TextWriter writer) => writer as OneLineWriter ?? new OneLineWriter(writer);

    // A single char cannot be judged as part of a pair: a surrogate alone is written as its escape.
    public override void Write(char value) => inner.Write(UntrustedText.OneLine(value.ToString()));

    public override void Write(string? value) => inner.Write(UntrustedText.OneLine(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value) => inner.WriteLine(UntrustedText.OneLine(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(new string(buffer));

    public override Task WriteAsync(char value) => inner.WriteAsync(UntrustedText.OneLine(value.ToString()));

    public override Task WriteAsync(string? value) => inner.WriteAsync(UntrustedText.OneLine(value));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(UntrustedText.OneLine(new string(buffer.Span)).AsMemory(), cancellationToken);

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    public override Task WriteLineAsync(char value) => inner.WriteLineAsync(UntrustedText.OneLine(value.ToString()));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(UntrustedText.OneLine(value));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteLineAsync(UntrustedText.OneLine(new string(buffer.Span)).AsMemory(), cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    // The inner writer belongs to the caller (the process's standard error, a test's writer): never disposed here.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
