using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>
/// The parser's opt-in capture of <c>sourceData.rowData</c> and <c>errorMessage</c> (for the failed rows): the cells
/// and message as sent, unescaped, a sensitive record's cell (or whole row) and message redacted in the arena itself;
/// off, nothing is kept. The paths' agreement with capture on is part of <see cref="RecordFastPathProperties"/> and
/// <see cref="ParallelPageReaderProperties"/> (half their inputs are read capturing).
/// </summary>
public class RowCaptureTests
{
    [Property(MaxTest = 100)]
    public Property Capture_KeepsTheCellsAndMessageSent_RedactingWhatIsSensitive() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var bytes = RandomJson.Page(errors, null, seed);
            var records = Parse(bytes, capture: true);

            Assert.Equal(errors.Select(Expected), records);
            Assert.All(Parse(bytes, capture: false), record => Assert.Equal("none|none", record));
        });

    /// <summary>Elements that are not strings: numbers and booleans as their JSON text, null and nested values as empty cells; on every path.</summary>
    [Theory]
    [InlineData("""["a",null,12.5e1,true,false,{"x":[1]},[2],"\u0041\n"]""", "8:a,,12.5e1,true,false,,,A\n")]
    [InlineData("""[]""", "0:")]
    [InlineData("""null""", "none")]
    [InlineData("""{"a":"b"}""", "none")]
    [InlineData(""" "text" """, "none")]
    public void Capture_ReadsEveryElementKind_TheSameOnEveryPath(string rowData, string expected)
    {
        var text = $$"""{"results":[{"id":"x","sourceData":{"fileId":1,"lineNumber":2,"rowData":{{rowData}}},"errorMessage":"m"}]}""";
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var fastPath in new[] { true, false })
        {
            var record = Assert.Single(Parse(bytes, capture: true, fastPath));
            Assert.Equal(expected + "|m", record);
        }
    }

    /// <summary>A duplicated <c>rowData</c> or <c>errorMessage</c>: the last wins, on every path.</summary>
    [Fact]
    public void Capture_TakesTheLastOfARepeatedKey()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"results":[{"errorMessage":"first","sourceData":{"rowData":["a"],"lineNumber":1,"rowData":["b","c"]},"errorMessage":"second"}]}""");
        Assert.Equal(["2:b,c|second"], Parse(bytes, capture: true, fastPath: true));
        Assert.Equal(["2:b,c|second"], Parse(bytes, capture: true, fastPath: false));
    }

    /// <summary>A sensitive record's cells and message leave no trace in the page's arena.</summary>
    [Fact]
    public void Capture_WipesSensitiveTextFromTheArena()
    {
        var bytes = Encoding.UTF8.GetBytes(
            """{"results":[{"knownColumnNumber":1,"invalidValue":"SECRET-V","errorMessage":"SECRET-M","sourceData":{"lineNumber":1,"rowData":["keep","SECRET-C"]},"invalidPropertyValue":{"dataSensitivity":"high"}},{"errorMessage":"SECRET-N","sourceData":{"lineNumber":2,"containsEncryptedProperties":true,"rowData":["SECRET-A","SECRET-B"]}}]}""");
        foreach (var fastPath in new[] { true, false })
        {
            var page = ParsePage(bytes, capture: true, fastPath);
            Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(page.Arena), StringComparison.Ordinal);
            Assert.Contains("keep", Encoding.UTF8.GetString(page.Arena), StringComparison.Ordinal);
        }
    }

    /// <summary>What the parser must keep of <paramref name="error"/> (<see cref="Describe"/>'s form).</summary>
    private static string Expected(SyntheticError error)
    {
        var row = "none";
        if (error.RowData is { } cells)
        {
            var all = error.ContainsEncryptedProperties == true || error.KnownColumnNumber is null;
            row = $"{cells.Count}:" + string.Join(",", cells.Select((cell, i) => error.IsSensitive && (all || i == error.KnownColumnNumber) ? "<R>" : cell));
        }

        var message = error.ErrorMessage is null ? "none" : error.IsSensitive ? "[REDACTED]" : error.ErrorMessage;
        return row + "|" + message;
    }

    private static string Describe(in ImportErrorRecord record)
    {
        var row = "none";
        if (record.HasRowData)
        {
            var cells = new List<string>();
            var reader = record.RowData;
            while (reader.Next(out var text, out var redacted))
            {
                cells.Add(redacted ? "<R>" : Encoding.UTF8.GetString(text));
            }

            Assert.Equal(record.RowCellCount, cells.Count);
            row = $"{cells.Count}:" + string.Join(",", cells);
        }

        return row + "|" + (record.HasErrorMessage ? Encoding.UTF8.GetString(record.ErrorMessage) : "none");
    }

    private static List<string> Parse(byte[] bytes, bool capture, bool fastPath = true)
    {
        var page = ParsePage(bytes, capture, fastPath);
        var records = new List<string>();
        for (var i = 0; i < page.Count; i++)
        {
            records.Add(Describe(page[i]));
        }

        return records;
    }

    private static ImportErrorPage ParsePage(byte[] bytes, bool capture, bool fastPath)
    {
        var parser = new JsonErrorParser("test.json", new ParserLimits().MaxValueBytes, recordMode: false, recordFastPath: fastPath, captureRows: capture);
        var page = new PagePool(0).Rent();
        page.Reset("test.json", 0, 0, isResponsePage: true);
        parser.Begin(page, 1);
        Assert.True(parser.Parse(new ReadOnlySequence<byte>(bytes), isFinalBlock: true, out _));
        return page;
    }
}
