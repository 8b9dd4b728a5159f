using System.Text;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Parsing;

public class MalformedInputTests
{
    private static async Task<ImportErrorFormatException> Fails(string json, InputFormat format = InputFormat.Pages, ParserLimits? limits = null)
    {
        var error = await Assert.ThrowsAsync<ImportErrorFormatException>(() => PageParsing.ParseAsync(Encoding.UTF8.GetBytes(json), [3, 5, 11], format, limits));
        Assert.Equal("test.json", error.SourceName);
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
        Assert.Contains($"at byte {error.ByteOffset}", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task WrongType_NamesTheFieldPageRecordAndOffset()
    {
        const string json = """{"results":[{"id":"a"},{"id":"b","sourceData":{"lineNumber":"12"}}]}""";
        var error = await Fails(json);

        Assert.Equal(1, error.PageNumber);
        Assert.Equal(2, error.RecordNumber);
        Assert.Equal(json.IndexOf("\"12\"", StringComparison.Ordinal), error.ByteOffset);
        Assert.Contains("'sourceData.lineNumber' must be a number, found a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadLiteral_SaysWhatWasExpected_WithoutQuotingTheInputAfterIt()
    {
        const string json = """{"results":[{"errorType":nul ,"invalidValue":"4111-1111-1111-1111"}]}""";
        var error = await Fails(json);

        Assert.Contains("an invalid literal where 'null' was expected", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", error.Message, StringComparison.Ordinal);
        Assert.Equal(json.IndexOf("nul", StringComparison.Ordinal), error.ByteOffset);
    }

    [Fact]
    public async Task ErrorOnSecondPage_NamesPageTwo()
    {
        var error = await Fails("""{"results":[{"id":"a"}]}{"results":[{"knownColumnNumber":1.5}]}""");

        Assert.Equal(2, error.PageNumber);
        Assert.Equal(1, error.RecordNumber);
        Assert.Contains("32-bit integer", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"results":[{"id":"a"}""")]
    [InlineData("""{"results":[{"id":"a","invalidValue":"cut""")]
    [InlineData("{")]
    public async Task Truncated_IsReported(string json)
    {
        var error = await Fails(json);
        Assert.Contains("truncated", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("""{"results":[{"id":"a",}]}""")]
    [InlineData("""{"results":[{"id":'a'}]}""")]
    [InlineData("""{"results":{}}""")]
    [InlineData("""{"results":[1]}""")]
    [InlineData("""[{"results":[]}]""")]
    [InlineData("""{"results":[{"createdAt":99999999999999999999}]}""")]
    [InlineData("""{"results":[{"fileId":1, "sourceData":{"fileId":"184448894240"}}]}""")]
    [InlineData("""{"results":[{"sourceData":{"lineNumber":-1}}]}""")]
    [InlineData("""{"results":[{"invalidPropertyValue":{"isEncrypted":"yes"}}]}""")]
    [InlineData("""{"results":[{"errorType":42}]}""")]
    [InlineData("""{"results":[]} trailing""")]
    [InlineData("""{"results":[{"invalidValue":"\uD800"}]}""")]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task Malformed_GivesTheTypedException(string json) => await Fails(json);

    [Fact]
    public async Task ValueAboveTheLimit_IsRefusedWithoutBufferingForever()
    {
        var limits = new ParserLimits { MaxValueBytes = 1024 };
        var error = await Fails($$"""{"results":[{"id":"a","invalidValue":"{{new string('x', 200_000)}}"}]}""", limits: limits);

        Assert.Contains("maximum of 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteValueAboveTheLimit_IsRefused()
    {
        var limits = new ParserLimits { MaxValueBytes = 100 };
        var error = await Fails($$"""{"results":[{"id":"a","invalidValue":"{{new string('x', 101)}}"}]}""", limits: limits);

        Assert.Equal(1, error.RecordNumber);
    }

    [Fact]
    public async Task NdjsonBadLine_NamesTheLine()
    {
        var error = await Fails("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\n{\"id\":\"d\"}", InputFormat.Ndjson);

        Assert.Equal(3, error.PageNumber);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.ByteOffset, 22, 29);
    }

    [Fact]
    public async Task NdjsonTwoValuesOnALine_IsRefused()
    {
        var error = await Fails("{\"id\":\"a\"} {\"id\":\"b\"}\n", InputFormat.Ndjson);
        Assert.Equal(1, error.PageNumber);
    }
}
