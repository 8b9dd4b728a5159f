using System.IO.Pipelines;
using System.Text;
using ImportErrorAnalytics.Parsing;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>
/// Which values are sensitive, as both parser paths decide it: anything but a stated <c>none</c> in a present
/// <c>invalidPropertyValue</c> (<c>standard</c> only unless shown), a non-empty <c>maskedSubstrings</c>, an encryption
/// flag; and a sensitive value leaves no copy in the page's buffer.
/// </summary>
public class SensitivityParsingTests
{
    private const string Secret = "secret-078-05-1120";

    [Theory]
    [InlineData("""{"dataSensitivity":"none"}""", false, false)]
    [InlineData("""{"dataSensitivity":"standard"}""", true, false)]
    [InlineData("""{"dataSensitivity":"high"}""", true, true)]
    [InlineData("""{"dataSensitivity":"restricted"}""", true, true)]
    [InlineData("""{"dataSensitivity":"Standard"}""", true, true)]
    [InlineData("""{"dataSensitivity":"NONE"}""", true, true)]
    [InlineData("""{"name":"ssn"}""", true, true)]
    [InlineData("""{"name":"ssn","dataSensitivity":null}""", true, true)]
    [InlineData("{}", true, true)]
    [InlineData("""{"dataSensitivity":"none","dataSensitivity":"standard"}""", true, false)]
    [InlineData("""{"dataSensitivity":"high","dataSensitivity":"none"}""", true, true)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":{"substrings":[{"start":0,"end":6}]}}""", true, true)]
    [InlineData("""{"dataSensitivity":"standard","maskedSubstrings":[{"start":0,"end":6}]}""", true, true)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":{"substrings":[]}}""", false, false)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":{"substrings":null}}""", false, false)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":{}}""", false, false)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":[]}""", false, false)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":null}""", false, false)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":{"ranges":[]}}""", true, true)]
    [InlineData("""{"dataSensitivity":"none","maskedSubstrings":"0-6"}""", true, true)]
    [InlineData("""{"dataSensitivity":"none","isEncrypted":true}""", true, true)]
    [InlineData("null", false, false)]
    public async Task Sensitivity_IsDecidedTheSameByBothPaths(string propertyValue, bool sensitive, bool sensitiveWhenStandardShown)
    {
        foreach (var (showStandard, expected) in new[] { (false, sensitive), (true, sensitiveWhenStandardShown) })
        {
            foreach (var fastPath in new[] { true, false })
            {
                var (isSensitive, value, arena) = await ParseOne(
                    $$$"""{"results":[{"id":"a","invalidValueToDisplay":"{{{Secret}}}","invalidValue":"{{{Secret}}}","invalidPropertyValue":{{{propertyValue}}}}]}""",
                    showStandard,
                    fastPath);

                Assert.Equal(expected, isSensitive);
                Assert.Equal(expected ? "[REDACTED]" : Secret, value);
                Assert.Equal(!expected, arena.Contains(Secret, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task SourceDataEncryption_IsSensitiveWithoutAnyPropertyValue()
    {
        var (isSensitive, _, arena) = await ParseOne($$$"""{"results":[{"invalidValue":"{{{Secret}}}","sourceData":{"containsEncryptedProperties":true}}]}""", showStandard: true, fastPath: true);

        Assert.True(isSensitive);
        Assert.DoesNotContain(Secret, arena, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueGivenTwice_LeavesNoCopyOfTheFirst()
    {
        foreach (var fastPath in new[] { true, false })
        {
            var (_, value, arena) = await ParseOne(
                $$$"""{"results":[{"invalidValue":"{{{Secret}}}","invalidValue":"second","invalidPropertyValue":{"dataSensitivity":"none"}}]}""", showStandard: false, fastPath);

            Assert.Equal("second", value);
            Assert.DoesNotContain(Secret, arena, StringComparison.Ordinal);
        }
    }

    /// <summary>Parses a page of one record; its sensitivity, its value as aggregators see it, and the page's whole buffer.</summary>
    private static async Task<(bool Sensitive, string Value, string Arena)> ParseOne(string json, bool showStandard, bool fastPath)
    {
        var context = new ReadContext("test.json", 0, new ParserLimits(), new PagePool(), onSkip: null)
        {
            RecordFastPath = fastPath,
            ShowStandardSensitivity = showStandard,
        };
        await foreach (var page in PageStreamReader.ReadAsync(PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(json))), context, CancellationToken.None))
        {
            var record = page[0];
            return (record.IsSensitive, Encoding.UTF8.GetString(record.InvalidValue), Encoding.UTF8.GetString(page.Arena));
        }

        throw new InvalidOperationException("No page.");
    }
}
