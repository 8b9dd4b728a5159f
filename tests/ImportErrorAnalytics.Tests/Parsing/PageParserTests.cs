using System.Text;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Parsing;

public class PageParserTests
{
    private static Task<List<(List<ParsedError> Records, string? After)>> Parse(string json, IReadOnlyList<int>? chunks = null, InputFormat format = InputFormat.Pages, ParserLimits? limits = null) =>
        PageParsing.ParseAsync(Encoding.UTF8.GetBytes(json), chunks, format, limits);

    [Fact]
    public async Task Parse_FullRecord_ReadsEveryField()
    {
        var pages = await Parse("""
            {"results":[{"id":"e-1","createdAt":1767225600123,"errorType":"INVALID_EMAIL","objectType":"CONTACT","knownColumnNumber":3,
              "invalidValue":"bob@","invalidValueToDisplay":"shown","sourceData":{"fileId":184448894240,"lineNumber":17},
              "invalidPropertyValue":{"name":"email","dataSensitivity":"none","isEncrypted":false}}],
             "paging":{"next":{"after":"MTA=","link":"https://api.hubapi.com/x?after=MTA="}}}
            """);

        var (records, after) = Assert.Single(pages);
        Assert.Equal("MTA=", after);
        Assert.Equal(new ParsedError("e-1", 1767225600123, "INVALID_EMAIL", "CONTACT", 3, "email", "bob@", false, 184448894240, 17), Assert.Single(records));
    }

    [Fact]
    public async Task Parse_EscapedNamesAndValues_AreUnescaped()
    {
        var pages = await Parse("""{"results":[{"id":"a","error\u0054ype":"INVALID_\u0045MAIL","invalid\u0056alue":"line\nbreak \"q\" \ud83d\ude00"}]}""");

        var record = Assert.Single(Assert.Single(pages).Records);
        Assert.Equal("INVALID_EMAIL", record.ErrorType);
        Assert.Same(Assert.Single(pages).Records[0].ErrorType, Model.HubSpotNames.ErrorTypes.Single(t => t == "INVALID_EMAIL"));
        Assert.Equal("line\nbreak \"q\" 😀", record.Value);
    }

    [Fact]
    public async Task Parse_UnknownPropertiesOfAnyShape_AreSkipped()
    {
        var pages = await Parse("""
            {"meta":{"results":[{"errorType":"X"}],"deep":[[[{"a":[1,2,{"b":null}]}]]]},"results":[
              {"future":{"errorType":"NOPE","sourceData":{"lineNumber":"text"}},"id":"a","errorType":"INVALID_EMAIL","extra":[{"x":[]},"s",1.5e300,true,null],
               "sourceData":{"rowData":["a","b"],"pageName":"S","lineNumber":4,"nested":{"lineNumber":"ignored"}}}],
             "paging":{"prev":{"after":"zzz"},"next":{"link":"l","after":"C2"}},"trailer":"x"}
            """);

        var (records, after) = Assert.Single(pages);
        var record = Assert.Single(records);
        Assert.Equal("INVALID_EMAIL", record.ErrorType);
        Assert.Equal(4, record.LineNumber);
        Assert.Equal("C2", after);
    }

    [Fact]
    public async Task Parse_NullsAndMissingOptionalFields_AreAbsent()
    {
        var pages = await Parse("""{"results":[{"id":"a","errorType":"INVALID_EMAIL","knownColumnNumber":null,"invalidValue":null,"objectType":null,"createdAt":null,"sourceData":{"fileId":null,"lineNumber":null},"invalidPropertyValue":null},{"id":"b"}],"paging":null}""");

        var (records, after) = Assert.Single(pages);
        Assert.Null(after);
        Assert.Equal(new ParsedError("a", null, "INVALID_EMAIL", null, null, null, null, false, null, null), records[0]);
        Assert.Equal(new ParsedError("b", null, null, null, null, null, null, false, null, null), records[1]);
    }

    [Fact]
    public async Task Parse_DisplayValue_IsUsedOnlyWithoutInvalidValue()
    {
        var pages = await Parse("""{"results":[{"id":"a","invalidValueToDisplay":"d"},{"id":"b","invalidValueToDisplay":"d","invalidValue":"v"},{"id":"c","invalidValue":"v","invalidValueToDisplay":"d"}]}""");

        Assert.Equal(["d", "v", "v"], Assert.Single(pages).Records.Select(r => r.Value));
    }

    [Theory]
    [InlineData("""{"dataSensitivity":"high"}""", "{}")]
    [InlineData("""{"isEncrypted":true}""", "{}")]
    [InlineData("{}", """{"containsEncryptedProperties":true}""")]
    public async Task Parse_SensitiveValue_IsRedactedWhateverTheFieldOrder(string propertyValue, string sourceData)
    {
        var before = await Parse($$"""{"results":[{"invalidPropertyValue":{{propertyValue}},"sourceData":{{sourceData}},"invalidValue":"secret@corp"}]}""");
        var after = await Parse($$"""{"results":[{"invalidValue":"secret@corp","invalidPropertyValue":{{propertyValue}},"sourceData":{{sourceData}}}]}""");

        foreach (var pages in new[] { before, after })
        {
            var record = Assert.Single(Assert.Single(pages).Records);
            Assert.True(record.IsSensitive);
            Assert.Equal("[REDACTED]", record.Value);
        }
    }

    [Fact]
    public async Task Parse_EmptyResults_GivesAnEmptyPageWithItsCursor()
    {
        var pages = await Parse("""{"results":[],"paging":{"next":{"after":"next"}}}""");

        var (records, after) = Assert.Single(pages);
        Assert.Empty(records);
        Assert.Equal("next", after);
    }

    [Fact]
    public async Task Parse_SeveralPagesInOneInput_AreYieldedOneByOne()
    {
        var pages = await Parse("""{"results":[{"id":"a"}],"paging":{"next":{"after":"1"}}} {"results":[{"id":"b"},{"id":"c"}]}""");

        Assert.Equal(2, pages.Count);
        Assert.Equal(["a"], pages[0].Records.Select(r => r.Id));
        Assert.Equal(["b", "c"], pages[1].Records.Select(r => r.Id));
    }

    [Fact]
    [Slow(SlowKind.Heavy)]
    public async Task Parse_MegabyteValueInTinySegments_IsReadWhole()
    {
        var big = new string('v', 3 * 1024 * 1024);
        var pages = await Parse($$"""{"results":[{"id":"a","invalidValue":"{{big}}"}]}""", chunks: [1, 7, 4096, 65536]);

        Assert.Equal(big, Assert.Single(Assert.Single(pages).Records).Value);
    }

    [Fact]
    public async Task Parse_Ndjson_ReadsOneErrorPerLineAndSkipsBlankLines()
    {
        var pages = await Parse("{\"id\":\"a\",\"errorType\":\"INVALID_EMAIL\"}\n\n  \r\n{\"id\":\"b\"}\r\n{\"id\":\"c\"}", format: InputFormat.Ndjson);

        Assert.Equal(["a", "b", "c"], PageParsing.Flatten(pages).Select(r => r.Id));
    }

    [Fact]
    public async Task Parse_Ndjson_CutsBlocksAtTheConfiguredSize()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 10).Select(i => $$"""{"id":"{{i}}"}"""));
        var pages = await Parse(lines, format: InputFormat.Ndjson, limits: new ParserLimits { NdjsonBlockSize = 4 });

        Assert.Equal([4, 4, 2], pages.Select(p => p.Records.Count));
    }

    [Fact]
    public async Task Parse_UnknownErrorType_IsInternedOnceAndKept()
    {
        var pages = await Parse("""{"results":[{"errorType":"BRAND_NEW_2027_ERROR"},{"errorType":"BRAND_NEW_2027_ERROR"}]}""");

        var records = Assert.Single(pages).Records;
        Assert.Equal("BRAND_NEW_2027_ERROR", records[0].ErrorType);
        Assert.Same(records[0].ErrorType, records[1].ErrorType);
#pragma warning disable IEA0001 // The unknown name is the point of this test.
        Assert.False(Model.HubSpotNames.IsKnownErrorType("BRAND_NEW_2027_ERROR"));
#pragma warning restore IEA0001
    }
}
