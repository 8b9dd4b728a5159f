using System.Text;
using ImportErrorAnalytics.Aggregation.BuiltIn;
using ImportErrorAnalytics.Reporting;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>A long value is counted under a bounded key that still tells values apart and shows as the value would.</summary>
public class ValueKeyTests
{
    private static readonly int Threshold = ValueKey.ThresholdFor(200);

    [Fact]
    public void ALongValue_IsKeptInBoundedBytes_AndShownAsTheValueWouldBe()
    {
        var value = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("𝄞é-x", 50_000)));
        byte[]? scratch = null;

        var key = ValueKey.Of(value, Threshold, ref scratch).ToArray();

        Assert.True(key.Length <= Threshold + ValueKey.Suffix);
        Assert.True(ValueKey.IsValid(key, Threshold));
        Assert.Equal(ValueText.Cut(value, 200), ValueKey.Display(key, 200, maskKey: null));

        var maskKey = ValueMaskKey.FromBytes(new byte[32]);
        var masked = ValueKey.Display(key, 200, maskKey);
        var other = ValueKey.Of([.. value, (byte)'!'], Threshold, ref scratch).ToArray();
        Assert.Equal(masked, ValueKey.Display(ValueKey.Of(value.ToArray(), Threshold, ref scratch).ToArray(), 200, maskKey));
        Assert.NotEqual(masked.Text, ValueKey.Display(other, 200, maskKey).Text);
        Assert.NotEqual(masked.Text, ValueKey.Display(key, 200, ValueMaskKey.FromBytes(Enumerable.Repeat((byte)1, 32).ToArray())).Text);
        Assert.Null(masked.Length);
        Assert.False(masked.Truncated);
    }

    [Fact]
    public void LongValuesAlike_SaveInTheirEnd_HaveDifferentKeys_AndEqualOnesTheSame()
    {
        var a = Encoding.UTF8.GetBytes(new string('x', 5_000) + "a");
        var b = Encoding.UTF8.GetBytes(new string('x', 5_000) + "b");
        byte[]? scratch = null;

        var keyA = ValueKey.Of(a, Threshold, ref scratch).ToArray();
        var keyB = ValueKey.Of(b, Threshold, ref scratch).ToArray();
        var again = ValueKey.Of(a.ToArray(), Threshold, ref scratch).ToArray();

        Assert.NotEqual(keyA, keyB);
        Assert.Equal(keyA, again);
    }

    [Fact]
    public void AShortValue_IsItsOwnKey()
    {
        var value = "bob@"u8.ToArray();
        byte[]? scratch = null;

        Assert.True(ValueKey.Of(value, Threshold, ref scratch).SequenceEqual(value));
        Assert.Null(scratch);
    }

    [Fact]
    public void DistinctLongValues_InOneColumn_CostMemoryBoundedPerValue()
    {
        var aggregator = new TopInvalidValuesAggregator(distinctCapacity: 1_000, top: 10, displayLength: 200);
        var state = aggregator.CreateState();
        var value = new byte[100_000];
        value.AsSpan().Fill((byte)'v');

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            BitConverter.TryWriteBytes(value.AsSpan(50_000), i);
            value.AsSpan(50_000, 4).Replace((byte)0, (byte)'0');
            state.Get(0).Add(state.KeyOf(value));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 2,000 distinct values of 100 KB: 200 MB if the counter kept them whole.
        Assert.True(allocated < 8_000_000, $"Counting 2,000 distinct 100 KB values allocated {allocated:N0} bytes.");
        Assert.Equal(2_000, state.Get(0).Total);
    }
}
