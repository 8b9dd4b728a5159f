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
