using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Reporting;

/// <summary>
/// The JSON report written in chunks (to a file, to standard output) is byte for byte the report serialized whole,
/// whatever the chunk size, and its memory stays at one chunk however large the report.
/// </summary>
[Slow(SlowKind.Heavy)]
public class JsonReportStreamingTests
{
    private static readonly Lazy<ImportErrorReport> Large = new(() =>
    {
        // Scattered line numbers over many files: thousands of line clusters, a report of megabytes.
        var errors = new SyntheticImport(new SyntheticImportOptions { Seed = 21, Errors = 60_000 }).Generate();
        var bytes = JsonText.Page(errors, after: null);
        return AnalyzerRuns.Builder([("large.json", bytes, InputFormat.Pages)]).Build().RunAsync().GetAwaiter().GetResult();
    });

    [Property(MaxTest = 40)]
    public Property AnyChunkSize_WritesTheReportsBytes() =>
        Prop.ForAll(Gen.Choose(1, 70_000).ToArbitrary(), Gen.Choose(1, 3_000).ToArbitrary(), (chunk, errors) =>
        {
            var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = errors, Errors = errors }).ToPageBytes(250);
            var report = AnalyzerRuns.Builder([("p.json", bytes, InputFormat.Pages)]).Build().RunAsync().GetAwaiter().GetResult();
            using var stream = new MemoryStream();
            using var text = new StringWriter();

            JsonReport.WriteTo(report, stream, chunk);
            JsonReport.WriteTo(report, text, chunk);

            Assert.Equal(JsonReport.ToUtf8Bytes(report), stream.ToArray());
            Assert.Equal(JsonReport.ToJson(report), text.ToString());
        });

    /// <summary>Characters of two, three and four UTF-8 bytes split across chunks come out whole on a text writer.</summary>
    [Fact]
    public async Task MultiByteCharactersSplitAcrossChunks_StayWhole()
    {
        var page = JsonText.Page(
            [new SyntheticError { Id = "a", ErrorType = "INVALID_EMAIL", ObjectType = "CONTACT", KnownColumnNumber = 1, PropertyName = "email", DataSensitivity = "none", InvalidValue = "é€😀 ünïcödé 😀€é", FileId = 1, LineNumber = 3 }],
            null);
        var report = await AnalyzerRuns.Builder([("p.json", page, InputFormat.Pages)]).Build().RunAsync();

        for (var chunk = 1; chunk <= 9; chunk++)
        {
            using var text = new StringWriter();
            JsonReport.WriteTo(report, text, chunk);
            Assert.Equal(JsonReport.ToJson(report), text.ToString());
        }
    }

    /// <summary>
    /// A report of half a megabyte allocates a small fraction of its size while written to a file (bound: a quarter of the
    /// report; the chunked writer needs its 64 KB chunk, building the report whole took more than its size).
    /// </summary>
    [Fact]
    public void ALargeReport_IsWrittenWithoutBeingWholeInMemory()
    {
        var report = Large.Value;
        var size = JsonReport.ToUtf8Bytes(report).Length;
        JsonReport.WriteTo(report, Stream.Null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        JsonReport.WriteTo(report, Stream.Null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(size > 400_000, $"the report is {size} bytes");
        Assert.True(allocated < size / 4, $"{allocated} bytes allocated to write a report of {size} bytes");
    }

    [Fact]
    public void TheChunkedWriter_HandsOnEveryByteInOrder_AndGrowsForOneLargeRequest()
    {
        var seen = new List<byte>();
        using (var writer = new ChunkedBufferWriter(span => seen.AddRange(span.ToArray()), chunkBytes: 4))
        {
            var expected = new List<byte>();
            for (var i = 0; i < 50; i++)
            {
                var size = i % 7 == 0 ? 100 : 1 + (i % 5);
                var span = writer.GetSpan(size);
                Assert.True(span.Length >= size);
                for (var j = 0; j < size; j++)
                {
                    span[j] = (byte)(i + j);
                    expected.Add((byte)(i + j));
                }

                writer.Advance(size);
            }

            writer.Flush();
            Assert.Equal(expected, seen);
            Assert.Throws<InvalidOperationException>(() => writer.Advance(writer.GetSpan().Length + 1));
        }
    }
}
