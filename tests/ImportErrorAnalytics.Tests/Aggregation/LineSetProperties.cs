using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Aggregation.BuiltIn;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>A file's failing lines: whatever form each chunk takes, the set answers as a plain set would, and costs what it holds.</summary>
public class LineSetProperties
{
    /// <summary>Lines packed in a few chunks (bitmaps), spread thinly (arrays), or a handful (the small form).</summary>
    private static readonly Gen<int[]> Lines = Gen.OneOf(
        Gen.Choose(1, 9_000).ArrayOf(),
        Gen.Choose(1, 2_000_000).ArrayOf(),
        Gen.Choose(1, 5).ArrayOf(),
        Gen.Choose(1, 9_000).ArrayOf(600));

    private static readonly Arbitrary<(int[] A, int[] B, int First, int Last)> Input =
        Arb.From(from a in Lines from b in Lines from first in Gen.Choose(0, 2_000_000) from length in Gen.Choose(0, 10_000) select (a, b, first, first + length));

    [Property(MaxTest = 200)]
    public Property CountRange_UnionAndSavedForm_AnswerAsAPlainSet() => Prop.ForAll(Input, input =>
    {
        var (a, b, first, last) = input;
        var set = Of(a);
        set.UnionWith(Of(b));
        var plain = a.Concat(b).ToHashSet();

        Assert.Equal(plain.Count(l => l >= first && l <= last), set.CountRange(first, last));
        Assert.Equal(plain.Count, set.CountRange(0, int.MaxValue - 1));

        var restored = new LineSet();
        restored.ReadFrom(Saved(set));
        Assert.Equal(plain.Count(l => l >= first && l <= last), restored.CountRange(first, last));
        Assert.Equal(plain.Count, restored.CountRange(1, int.MaxValue - 1));
    });

    [Fact]
    public void AFileWithOneLine_CostsAFewDozenBytes_AndSparseLinesAFewBytesEach()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var one = new FileLines(10);
        one.Add(123_456);
        var oneLine = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        var sparse = new FileLines(10);
        for (var line = 1; line < 20_000 * 4096; line += 4096)
        {
            sparse.Add(line);
        }

        var sparseLines = GC.GetAllocatedBytesForCurrentThread() - before;

        // The old state took a 64 KB block per file (and 512 bytes per chunk of 4,096 lines, which a chunk of one line now
        // does not need; the bound on sparse lines only guards against a per-line cost growing).
        Assert.True(oneLine < 1_000, $"A file with one line allocated {oneLine:N0} bytes.");
        Assert.True(sparseLines < 20_000 * 400, $"20,000 lines in as many chunks allocated {sparseLines:N0} bytes.");
        Assert.Equal(20_000, sparse.Lines.CountRange(1, int.MaxValue - 1));
    }

    private static LineSet Of(int[] lines)
    {
        var set = new LineSet();
        foreach (var line in lines)
        {
            set.Set(line);
        }

        return set;
    }

    private static JsonElement Saved(LineSet set)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            set.WriteTo(writer);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }
}
