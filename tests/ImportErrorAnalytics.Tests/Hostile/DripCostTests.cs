using System.Diagnostics;
using System.Text;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>
/// A server (or pipe) that sends a long value a byte at a time must not make the reader's cost grow with the value's
/// length squared. Looking again at a pending token after every byte did: each look scans what has arrived of it, so a
/// 2 MB value sent byte by byte meant two million scans of up to 2 MB each. The readers now wait for the pending bytes
/// to double before looking again past 16 KB, so the looks cost at most about twice the value.
/// </summary>
public class DripCostTests
{
    private const int ValueBytes = 2 * 1024 * 1024;

    /// <summary>
    /// A bound on a hostile input's cost, not a speed target: the fixed readers take about a second here on a loaded
    /// 2-core machine (mostly the two million one-byte reads), the old page reader had not finished when the bound ran out.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AValueSentAByteAtATime_InAPage_CostsAboutItsLength()
    {
        var value = new string('v', ValueBytes);
        var bytes = Encoding.UTF8.GetBytes("{\"results\":[{\"id\":\"a\",\"invalidValue\":\"" + value + "\"},{\"id\":\"b\"}],\"paging\":{\"next\":{\"after\":\"x\"}}}");

        var watch = Stopwatch.StartNew();
        var pages = await PageParsing.ParseAsync(bytes, [1], timeout: Bound);

        Assert.True(watch.Elapsed < Bound, $"{watch.Elapsed} for one value of {ValueBytes:N0} bytes sent byte by byte");
        var records = Assert.Single(pages).Records;
        Assert.Equal(value, records[0].Value);
        Assert.Equal("b", records[1].Id);
    }

    [Fact]
    public async Task ALineSentAByteAtATime_InNdjson_CostsAboutItsLength()
    {
        var value = new string('v', ValueBytes);
        var bytes = Encoding.UTF8.GetBytes($$"""{"id":"a","invalidValue":"{{value}}"}""" + "\n{\"id\":\"b\"}\n");

        var watch = Stopwatch.StartNew();
        var pages = await PageParsing.ParseAsync(bytes, [1], InputFormat.Ndjson, timeout: Bound);

        Assert.True(watch.Elapsed < Bound, $"{watch.Elapsed} for one line of {ValueBytes:N0} bytes sent byte by byte");
        var records = PageParsing.Flatten(pages);
        Assert.Equal(value, records[0].Value);
        Assert.Equal("b", records[1].Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task AValueOverTheLimit_FailsAtTheSameByte_HoweverItArrives(int chunk)
    {
        // Waiting for more bytes must not move where a limit fails: one byte past it, as when the bytes arrive whole.
        var limits = new ParserLimits { MaxValueBytes = 100_000 };
        var bytes = Encoding.UTF8.GetBytes($$"""{"results":[{"id":"a","invalidValue":"{{new string('v', 300_000)}}"}]}""");

        var whole = await Assert.ThrowsAsync<ImportErrorFormatException>(() => PageParsing.ParseAsync(bytes, limits: limits, bufferSize: bytes.Length + 1));
        var dripped = await Assert.ThrowsAsync<ImportErrorFormatException>(() => PageParsing.ParseAsync(bytes, [chunk], limits: limits, timeout: Bound));

        // With the whole value buffered the parser can say its length; with part of it, only that the token passed the
        // limit. Either way the failure is the limit's, at the value's first byte.
        Assert.True(whole.ExceedsLimit);
        Assert.True(dripped.ExceedsLimit);
        Assert.Equal(whole.ByteOffset, dripped.ByteOffset);
    }
}
