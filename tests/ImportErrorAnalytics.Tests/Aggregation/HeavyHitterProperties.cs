using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Aggregation.BuiltIn;

namespace ImportErrorAnalytics.Tests.Aggregation;

/// <summary>
/// The Space-Saving bounds, alone and after merging shards in any grouping: every reported count over-estimates the
/// true count by at most its error, and every value occurring more than N/capacity times is reported.
/// </summary>
public class HeavyHitterProperties
{
    private static readonly Arbitrary<(int[] Stream, int Capacity, int Seed)> Streams = Arb.From(
        from skew in Gen.Choose(1, 4)
        from length in Gen.Choose(0, 3000)
        from capacity in Gen.Choose(1, 40)
        from seed in Gen.Choose(0, int.MaxValue)
        select (Skewed(length, skew, seed), capacity, seed));

    [Property(MaxTest = 100)]
    public Property SingleCounter_KeepsItsBounds() =>
        Prop.ForAll(Streams, input =>
        {
            var counter = new ValueCounter(input.Capacity);
            foreach (var value in input.Stream)
            {
                counter.Add(Key(value));
            }

            AssertBounds(counter, input.Stream);
        });

    [Property(MaxTest = 100)]
    public Property MergedShards_KeepTheirBoundsInAnyGrouping() =>
        Prop.ForAll(Streams, input =>
        {
            var random = new Random(input.Seed);
            var shards = input.Stream.GroupBy(_ => random.Next(1 + random.Next(6))).Select(g => g.ToArray()).ToList();
            var counters = shards.ConvertAll(shard =>
            {
                var counter = new ValueCounter(input.Capacity);
                foreach (var value in shard)
                {
                    counter.Add(Key(value));
                }

                return counter;
            });

            while (counters.Count > 1)
            {
                var i = random.Next(counters.Count);
                var into = counters[i];
                counters.RemoveAt(i);
                var j = random.Next(counters.Count);
                into.Merge(counters[j]);
                counters[j] = into;
            }

            AssertBounds(counters.Count == 0 ? new ValueCounter(input.Capacity) : counters[0], input.Stream);
        });

    [Fact]
    public void Counter_IsExactUpToCapacityAndApproximatePastIt()
    {
        var counter = new ValueCounter(3);
        foreach (var v in new[] { 1, 1, 2, 3, 3, 3 })
        {
            counter.Add(Key(v));
        }

        Assert.True(counter.IsExact);
        Assert.Equal(3, counter.CountOf(counter.IndexOf(Key(3))));
        counter.Add(Key(4));
        Assert.False(counter.IsExact);
        var four = counter.IndexOf(Key(4));
        Assert.True(four >= 0);
        Assert.Equal(2, counter.CountOf(four));
        Assert.Equal(1, counter.ErrorOf(four));
    }

    [Fact]
    public void Counter_SurvivesEvictionChurnOfLongValues()
    {
        var counter = new ValueCounter(8);
        for (var i = 0; i < 50_000; i++)
        {
            counter.Add(Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), 100) + i));
            counter.Add(Key(1));
        }

        Assert.InRange(counter.CountOf(counter.IndexOf(Key(1))), 50_000, 100_000);
        Assert.Equal(100_000, counter.Total);
    }

    private static void AssertBounds(ValueCounter counter, int[] stream)
    {
        var truth = stream.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(stream.Length, counter.Total);
        for (var i = 0; i < counter.Count; i++)
        {
            var value = int.Parse(Encoding.UTF8.GetString(counter.KeyOf(i)), System.Globalization.CultureInfo.InvariantCulture);
            var actual = truth.GetValueOrDefault(value);
            Assert.InRange(actual, counter.CountOf(i) - counter.ErrorOf(i), counter.CountOf(i));
        }

        foreach (var (value, count) in truth)
        {
            if (count * counter.Capacity > stream.Length)
            {
                Assert.True(counter.IndexOf(Key(value)) >= 0, $"value {value} occurs {count} times of {stream.Length} but is missing");
            }

            if (counter.IsExact)
            {
                Assert.Equal(count, counter.CountOf(counter.IndexOf(Key(value))));
            }
        }
    }

    private static byte[] Key(int value) => Encoding.UTF8.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static int[] Skewed(int length, int skew, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (int)(5000 * Math.Pow(random.NextDouble(), skew))).ToArray();
    }
}
