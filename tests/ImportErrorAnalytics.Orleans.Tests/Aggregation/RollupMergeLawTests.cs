using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Orleans.Aggregation;
using ImportErrorAnalytics.Orleans.Rollups;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Snapshots;
using Microsoft.Extensions.Options;

namespace ImportErrorAnalytics.Orleans.Tests.Aggregation;

/// <summary>
/// The roll-up's merge, as the account grain makes it (imports arriving in any order and in batches of any size, each
/// batch merged into the saved roll-up, written and read back), equals the library's merge of all the imports at
/// once, custom aggregators included.
/// </summary>
public sealed class RollupMergeLawTests(RollupMergeLawTests.ImportSnapshots imports) : IClassFixture<RollupMergeLawTests.ImportSnapshots>
{
    [Property(MaxTest = 40)]
    public Property ImportsMergedInAnyOrderAndBatches_GiveTheLibrarysMergeOfAll() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var order = imports.Parts.OrderBy(_ => random.Next()).ToList();
            byte[]? saved = null;
            var taken = 0;
            for (var at = 0; at < order.Count;)
            {
                var batch = order.Skip(at).Take(random.Next(1, order.Count - at + 1)).ToList();
                at += batch.Count;
                var basis = saved is null ? null : SnapshotPayload.ReadAsync(saved, "saved", imports.Silo.CreateReader(), CancellationToken.None).GetAwaiter().GetResult();
                var outcome = RollupMerge.MergeAsync(imports.Silo, basis, batch).GetAwaiter().GetResult();
                Assert.Empty(outcome.Refused);
                taken += outcome.Taken.Count;
                saved = SnapshotPayload.WriteAsync(outcome.Merged!, CancellationToken.None).GetAwaiter().GetResult();
            }

            var rollup = SnapshotPayload.ReadAsync(saved!, "roll-up", imports.Silo.CreateReader(), CancellationToken.None).GetAwaiter().GetResult();
            return taken == order.Count && ReportJson.Of(rollup) == imports.MergeOfAll;
        });

    [Fact]
    public async Task APartThatDoesNotGoWithTheOthers_IsRefusedWithTheReason_AndTheRestIsMerged()
    {
        var first = await RollupMerge.MergeAsync(imports.Silo, null, imports.Parts.Take(2).ToList());
        var again = imports.Parts[1];
        var damaged = new RollupPart("law", "9999", imports.Parts[2].Payload.ToArray().Select((b, i) => i == 200 ? (byte)(b ^ 1) : b).ToArray());

        var outcome = await RollupMerge.MergeAsync(imports.Silo, first.Merged, [imports.Parts[3], again, damaged]);

        Assert.Equal([imports.Parts[3]], outcome.Taken);
        Assert.Equal(2, outcome.Refused.Count);
        Assert.Equal(again.ImportId, outcome.Refused[1].ImportId);
        Assert.Contains("would be counted twice", outcome.Refused[1].Reason, StringComparison.Ordinal);
        Assert.Equal("9999", outcome.Refused[0].ImportId);
        Assert.Contains("import law/9999", outcome.Refused[0].Reason, StringComparison.Ordinal);
        Assert.Equal(ReportJson.OfMerge([imports.Snapshots[0], imports.Snapshots[1], imports.Snapshots[3]]), ReportJson.Of(outcome.Merged!));
    }

    /// <summary>Six imports of one account, each read once without Orleans, with the custom aggregators.</summary>
    public sealed class ImportSnapshots : IAsyncLifetime, IAsyncDisposable
    {
        private readonly FakeAccounts _accounts = new();

        internal SiloAggregators Silo { get; } = CreateSilo();

        internal List<ReportSnapshot> Snapshots { get; } = [];

        internal List<RollupPart> Parts { get; } = [];

        internal string MergeOfAll { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var account = await _accounts.AddAsync("law", [.. Enumerable.Range(0, 6).Select(i => ($"{7800 + i}", 150 + (50 * i), 50 + i))]);
            foreach (var importId in account.ImportIds)
            {
                var snapshot = await FakeAccounts.SingleRunAsync(account, importId, AggregatorCluster.Register);
                Snapshots.Add(snapshot);
                Parts.Add(new RollupPart(account.Id, importId, await SnapshotPayload.WriteAsync(snapshot, CancellationToken.None)));
            }

            MergeOfAll = ReportJson.OfMerge(Snapshots);
        }

        public async Task DisposeAsync() => await _accounts.DisposeAsync();

        ValueTask IAsyncDisposable.DisposeAsync() => _accounts.DisposeAsync();

        private static SiloAggregators CreateSilo()
        {
            var options = new ImportErrorAnalyticsGrainOptions();
            options.Aggregators.Add(builder => AggregatorCluster.Register(builder));
            return new SiloAggregators(Options.Create(options));
        }
    }
}
