using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ImportErrorAnalytics.Parsing;

internal sealed partial class JsonErrorParser
{
    private ImportErrorFormatException Fail(long offset, string reason, Exception? inner = null, bool exceedsLimit = false) =>
        new(_sourceName, _unit, _pageNumber, offset, _inRecord ? _recordNumber : 0, reason, inner) { ExceedsLimit = exceedsLimit };

    /// <summary>Builds the error for input that ended or grew past the limit while a token was incomplete.</summary>
    public ImportErrorFormatException TooLarge(long offset) =>
        Fail(offset, $"a single JSON token is larger than the maximum of {_maxValueBytes} bytes.", exceedsLimit: true);

    /// <summary>Builds the error for a page (or NDJSON line) that goes on past <paramref name="maxPageBytes"/>, at the first byte past it.</summary>
    public ImportErrorFormatException PageTooLarge(long offset, long maxPageBytes) =>
        Fail(offset, $"the {_unit} is larger than the maximum of {maxPageBytes} bytes.", exceedsLimit: true);

    public ImportErrorFormatException EmptyInput() =>
        Fail(BaseOffset, "the input holds no JSON page (it is empty or only whitespace).");

    public ImportErrorFormatException Truncated(long offset) =>
        Fail(offset, "the input ended inside a JSON value (truncated body?).");

    private ImportErrorFormatException WrongType(ref Utf8JsonReader reader, string path, string expected) =>
        Fail(BaseOffset + reader.TokenStartIndex, $"'{path}' must be {expected}, found {Describe(reader.TokenType)}.");

    // Throw helpers: the hot methods of the parser call these instead of building the message and throwing themselves,
    // so the message formatting stays out of their code and they stay small enough to inline.

    /// <summary>Throws <see cref="WrongType"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongType(ref Utf8JsonReader reader, string path, string expected) => throw WrongType(ref reader, path, expected);

    /// <summary>Throws <see cref="WrongType"/>; typed, for use where a value is expected.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private T ThrowWrongType<T>(ref Utf8JsonReader reader, string path, string expected) => throw WrongType(ref reader, path, expected);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTooLargeValue(ref Utf8JsonReader reader) => throw TooLargeValue(ref reader);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowInvalidUtf8(ref Utf8JsonReader reader) => throw Fail(BaseOffset + reader.TokenStartIndex, "a string holds invalid UTF-8.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNegativeLineNumber(ref Utf8JsonReader reader, int lineNumber) =>
        throw Fail(BaseOffset + reader.TokenStartIndex, $"'sourceData.lineNumber' must not be negative, found {lineNumber}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    private static string Describe(JsonException ex)
    {
        // The reader's own text says what it expected; its trailing "LineNumber: ... | BytePositionInLine: ..." is replaced by our offset.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut].TrimEnd() : message;

        // For a bad literal the reader quotes the input from the literal to the end of its buffer: text that depends on
        // how the bytes arrived, and may hold values. Say what was expected instead.
        const string BadLiteral = "' is an invalid JSON literal. Expected the literal '";
        var at = message.LastIndexOf(BadLiteral, StringComparison.Ordinal);
        if (message.StartsWith('\'') && at > 0 && message.EndsWith("'.", StringComparison.Ordinal))
        {
            message = $"an invalid literal where '{message[(at + BadLiteral.Length)..^2]}' was expected.";
        }

        return "invalid JSON: " + message;
    }
}
