using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Snapshots;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Snapshots;

/// <summary>
/// Snapshot files are untrusted: flipped, inserted, deleted and truncated bytes give <see cref="SnapshotFormatException"/>,
/// or (when the change means nothing, like a space in the header) exactly the original report; never another exception,
/// never another report.
/// </summary>
public class SnapshotCorruptionProperties
{
    private static readonly Arbitrary<(SyntheticError[] Errors, int Seed, int Capacity)> Cases = Arb.From(
        from errors in ErrorGenerators.Errors
        from seed in Gen.Choose(0, int.MaxValue)
        from capacity in Gen.Elements(2, 10_000)
        select (errors, seed, capacity));

    [Property(MaxTest = 40)]
    public Property DamagedBytes_AreRefusedOrMeanTheSame() =>
        Prop.ForAll(Cases, input =>
        {
            var (bytes, expected) = Original(input.Errors, input.Seed, input.Capacity);
            var random = new Random(input.Seed);
            for (var i = 0; i < 25; i++)
            {
                var damaged = Damage(bytes, random);
                ReportSnapshot read;
                try
                {
                    read = SnapshotBytes.Read(damaged);
                }
                catch (SnapshotFormatException)
                {
                    continue;
                }

                Assert.Equal(expected, JsonReport.ToJson(read.CreateReport()));
            }
        });

    [Property(MaxTest = 40)]
    public Property EveryTruncation_IsRefusedAsTruncated() =>
        Prop.ForAll(Cases, input =>
        {
            var (bytes, _) = Original(input.Errors, input.Seed, input.Capacity);
            var random = new Random(input.Seed);
            foreach (var length in Enumerable.Range(0, 20).Select(_ => random.Next(bytes.Length)).Append(bytes.Length - 1).Append(0))
            {
                var error = Assert.Throws<SnapshotFormatException>(() => SnapshotBytes.Read(bytes[..length]));
                Assert.Matches(length == 0 ? "is empty" : "truncated", error.Message);
            }
        });

    /// <summary>
    /// Damage the checksum cannot see (the payload changed and re-signed, as a forger would): the reader still gives only
    /// its typed errors, and what it accepts reports and merges without throwing.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property ResignedDamage_GivesTypedErrorsOrAUsableSnapshot() =>
        Prop.ForAll(Cases, input =>
        {
            var (bytes, _) = Original(input.Errors, input.Seed, input.Capacity);
            var (otherRun, _) = Original(input.Errors, input.Seed, input.Capacity);
            var payload = SnapshotBytes.Payload(bytes);
            var random = new Random(input.Seed);
            for (var i = 0; i < 25; i++)
            {
                try
                {
                    var read = SnapshotBytes.Read(SnapshotBytes.Signed(Damage(payload, random)));
                    JsonReport.ToJson(read.CreateReport());
                    JsonReport.ToJson(ReportSnapshot.Merge([read, SnapshotBytes.Read(otherRun)]).CreateReport());
                }
                catch (Exception ex) when (ex is SnapshotFormatException or SnapshotMismatchException)
                {
                    // Refused, as it should be.
                }
            }
        });

    private static (byte[] Bytes, string Report) Original(SyntheticError[] errors, int seed, int capacity)
    {
        var snapshot = SnapshotBytes.Of(AnalyzerRuns.Inputs(errors, seed), o => o.DistinctCapacity = capacity);
        return (SnapshotBytes.Write(snapshot), JsonReport.ToJson(snapshot.CreateReport()));
    }

    private static byte[] Damage(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length);
        var list = bytes.ToList();
        switch (random.Next(5))
        {
            case 0:
                list[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                list[at] = (byte)random.Next(256);
                break;
            case 2:
                list.Insert(at, (byte)"{}[]\",:0 9-e\n"[random.Next(13)]);
                break;
            case 3:
                list.RemoveAt(at);
                break;
            default:
                list.RemoveRange(at, Math.Min(list.Count - at, 1 + random.Next(40)));
                break;
        }

        return [.. list];
    }
}
