using ImportErrorAnalytics.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// Grain storage on the project's schema, through Orleans' ADO.NET grain storage as the silo registers it under
/// <see cref="ImportErrorAnalyticsGrainOptions.StorageName"/>: versions as etags, conflicts, clear, and write after clear,
/// for string, integer and Guid-with-extension keys.
/// </summary>
[Slow(SlowKind.Orleans)]
public sealed class GrainStorageTests(PostgresSiloFixture fixture) : IClassFixture<PostgresSiloFixture>
{
    private IGrainStorage Storage => fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(ImportErrorAnalyticsGrainOptions.StorageName);

    public static TheoryData<string> Keys => new() { "string", "integer", "guid+extension" };

    private static GrainId Grain(string kind, string test) => kind switch
    {
        "string" => GrainId.Create("probe", test + "-account-7"),
        "integer" => GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateIntegerKey(test.GetHashCode(StringComparison.Ordinal))),
        _ => GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), test)),
    };

    private static GrainState<ProbeState> State(string text = "", string? etag = null) => new(new ProbeState { Text = text }) { ETag = etag };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task WriteReadBack_StaleWritesConflict_ClearKeepsTheVersionLine_AndAWriteAfterClearWorks(string kind)
    {
        var grain = Grain(kind, nameof(WriteReadBack_StaleWritesConflict_ClearKeepsTheVersionLine_AndAWriteAfterClearWorks));
        var name = "probe-" + kind;

        var missing = State();
        await Storage.ReadStateAsync(name, grain, missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var first = State("one");
        await Storage.WriteStateAsync(name, grain, first);
        Assert.Equal("1", first.ETag);
        var read = await ReadAsync(name, grain);
        Assert.Equal(("one", "1", true), (read.State!.Text, read.ETag, read.RecordExists));

        // A second writer that never read the state (no etag), and one that read version 1 after it moved on: conflicts.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(name, grain, State("blind")));
        first.State!.Text = "two";
        await Storage.WriteStateAsync(name, grain, first);
        Assert.Equal("2", first.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(name, grain, State("stale", "1")));
        Assert.Equal(("two", "2"), ((await ReadAsync(name, grain)).State!.Text, (await ReadAsync(name, grain)).ETag));

        // Clear with a stale etag conflicts; with the current one the state is gone and the version moves on.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(name, grain, State(etag: "1")));
        await Storage.ClearStateAsync(name, grain, first);
        Assert.Equal("3", first.ETag);
        Assert.False(first.RecordExists);
        var cleared = await ReadAsync(name, grain);
        Assert.Equal(("", "3"), (cleared.State!.Text, cleared.ETag));

        // The next write carries the cleared version and lands.
        first.State!.Text = "after clear";
        await Storage.WriteStateAsync(name, grain, first);
        Assert.Equal("4", first.ETag);
        Assert.Equal("after clear", (await ReadAsync(name, grain)).State!.Text);
        Assert.Equal(1, await RowCountAsync(name));
    }

    [Fact]
    public async Task TwoStateNamesOfOneGrain_AndTwoGrains_AreKeptApart()
    {
        var a = GrainId.Create("probe", "apart-a");
        var b = GrainId.Create("probe", "apart-b");
        await Storage.WriteStateAsync("apart-x", a, State("a/x"));
        await Storage.WriteStateAsync("apart-y", a, State("a/y"));
        await Storage.WriteStateAsync("apart-x", b, State("b/x"));

        Assert.Equal("a/x", (await ReadAsync("apart-x", a)).State!.Text);
        Assert.Equal("a/y", (await ReadAsync("apart-y", a)).State!.Text);
        Assert.Equal("b/x", (await ReadAsync("apart-x", b)).State!.Text);
    }

    [Fact]
    public async Task ConcurrentFirstWrites_ExactlyOneWins()
    {
        var grain = GrainId.Create("probe", "race");
        var writes = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Storage.WriteStateAsync("race", grain, State("writer " + i));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var won = await Task.WhenAll(writes);

        Assert.Equal(1, won.Count(w => w));
        Assert.Equal(1, await RowCountAsync("race"));
    }

    private async Task<GrainState<ProbeState>> ReadAsync(string name, GrainId grain)
    {
        var state = State();
        await Storage.ReadStateAsync(name, grain, state);
        return state;
    }

    private async Task<long> RowCountAsync(string name) =>
        (await fixture.QueryAsync($"SELECT count(*) FROM iea_grain_state WHERE state_name = '{name}'", r => r.GetInt64(0))).Single();
}
