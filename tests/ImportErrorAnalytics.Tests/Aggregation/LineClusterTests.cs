using ImportErrorAnalytics.Aggregation.BuiltIn;

namespace ImportErrorAnalytics.Tests.Aggregation;

public class LineClusterTests
{
    private static List<(int First, int Last, long Errors)> Clusters(int gap, params int?[] lines)
    {
        var file = new FileLines(gap);
        foreach (var line in lines)
        {
            file.Add(line);
        }

        return file.Clusters().Select(c => (c.First, c.Last, c.Errors)).ToList();
    }

    [Fact]
    public void GapZero_JoinsOnlyConsecutiveLines() =>
        Assert.Equal([(1, 3, 4L), (5, 5, 1L)], Clusters(0, 1, 2, 2, 3, 5));

    [Fact]
    public void Gap_AllowsThatManyErrorFreeLinesInside() =>
        Assert.Equal([(10, 13, 2L), (19, 19, 1L)], Clusters(2, 10, 13, 19));

    [Fact]
    public void Order_DoesNotMatter() =>
        Assert.Equal(Clusters(1, 1, 3, 5, 9, 11, 20), Clusters(1, 20, 11, 9, 5, 3, 1));

    [Fact]
    public void LineZeroAndMissingLines_AreCountedApart()
    {
        var file = new FileLines(0);
        file.Add(0);
        file.Add(null);
        file.Add(7);

        Assert.Equal(3, file.Errors);
        Assert.Equal(1, file.FileWideErrors);
        Assert.Equal(1, file.ErrorsWithoutLine);
        Assert.Single(file.Clusters());
    }

    [Fact]
    public void ManyLinesInReverseOrder_AreFlushedAndSwept()
    {
        var file = new FileLines(0);
        for (var line = 100_000; line >= 1; line -= 2)
        {
            file.Add(line);
        }

        Assert.Equal(50_000, file.Clusters().Count);
        Assert.Equal(50_000, file.Lines.CountRange(1, 100_000));
        Assert.Equal(0, file.Lines.CountRange(1, 1));
    }

    [Fact]
    public void DistinctLines_IgnoreRepeats()
    {
        var file = new FileLines(5);
        foreach (var line in new[] { 4, 4, 4, 9, 4097, 4096, 4095 })
        {
            file.Add(line);
        }

        Assert.Equal(2, file.Lines.CountRange(1, 10));
        Assert.Equal(3, file.Lines.CountRange(4000, 5000));
        Assert.Equal(5, file.Lines.CountRange(0, int.MaxValue - 1));
    }
}
