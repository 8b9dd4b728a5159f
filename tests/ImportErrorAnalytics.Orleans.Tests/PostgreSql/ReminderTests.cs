using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// Reminders on the project's schema, through Orleans' ADO.NET reminder table as the silo uses it: rows by grain and
/// name, versions as etags, ring ranges (plain and wrapping past the top), and a reminder that fires on the silo.
/// </summary>
[Slow(SlowKind.Orleans)]
public sealed class ReminderTests(ReminderFixture fixture) : IClassFixture<ReminderFixture>
{
    private IReminderTable Table => fixture.Table;

    [Fact]
    public async Task Upsert_ReadsBack_MovesTheVersionOn_AndRemoveNeedsTheCurrentVersion()
    {
        var grain = GrainId.Create("rows", "grain-1");
        var start = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var first = await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "a", StartAt = start, Period = TimeSpan.FromMinutes(5) });
        await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "b", StartAt = start, Period = TimeSpan.FromDays(30) });

        var a = await Table.ReadRow(grain, "a") ?? throw new Xunit.Sdk.XunitException("reminder 'a' not read back");
        Assert.Equal((grain, "a", start, TimeSpan.FromMinutes(5), first), (a.GrainId, a.ReminderName, a.StartAt, a.Period, a.ETag));
        Assert.Equal(["a", "b"], (await Table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order());
        // 30 days does not fit in int milliseconds: Orleans sends it as a bigint.
        Assert.Equal(TimeSpan.FromDays(30), (await Table.ReadRow(grain, "b"))?.Period);
        Assert.Null(await Table.ReadRow(grain, "none"));

        var second = await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "a", StartAt = start.AddHours(1), Period = TimeSpan.FromMinutes(6) });
        Assert.NotEqual(first, second);
        Assert.Equal(start.AddHours(1), (await Table.ReadRow(grain, "a"))?.StartAt);

        Assert.False(await Table.RemoveRow(grain, "a", first!));
        Assert.NotNull(await Table.ReadRow(grain, "a"));
        Assert.True(await Table.RemoveRow(grain, "a", second!));
        Assert.Null(await Table.ReadRow(grain, "a"));
        Assert.Equal(["b"], (await Table.ReadRows(grain)).Reminders.Select(r => r.ReminderName));
    }

    /// <summary>
    /// A ring range (begin, end] holds the reminders whose grain hash is in it; when begin is not below end the range
    /// wraps past the top of the ring (and begin == end is the whole ring). Orleans turns the unsigned bounds into signed
    /// ones and picks one of two queries: the answer must still be this.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property ARangeRead_ReturnsExactlyTheRemindersWhoseHashIsInTheRange()
    {
        var hashes = fixture.Ring.Select(r => r.GrainId.GetUniformHashCode()).ToArray();
        uint[] edges = [0u, 1u, uint.MaxValue, int.MaxValue, (uint)int.MaxValue + 1, .. hashes, .. hashes.Select(h => h - 1)];
        var anywhere =
            from high in Gen.Choose(0, 0xFFFF)
            from low in Gen.Choose(0, 0xFFFF)
            select ((uint)high << 16) | (uint)low;
        var point = Gen.OneOf(anywhere, Gen.Elements(edges));
        return Prop.ForAll(point.ToArbitrary(), point.ToArbitrary(), (uint begin, uint end) =>
        {
            var expected = fixture.Ring.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(r => r.GrainId.ToString()).Order();
            var read = Table.ReadRows(begin, end).GetAwaiter().GetResult().Reminders
                .Where(r => r.ReminderName == "ring").Select(r => r.GrainId.ToString()).Order();
            return expected.SequenceEqual(read);
        });
    }

    [Fact]
    public async Task TheWholeRingAndAWrappingRange_AreReadWithTheWrappingQuery()
    {
        var all = await Table.ReadRows(12345u, 12345u);
        Assert.Equal(fixture.Ring.Count, all.Reminders.Count(r => r.ReminderName == "ring"));

        // From the top quarter round to the bottom quarter: about half the grains, and none from the middle half.
        var wrapped = (await Table.ReadRows(0xC000_0000u, 0x4000_0000u)).Reminders.Where(r => r.ReminderName == "ring").ToList();
        Assert.NotEmpty(wrapped);
        Assert.All(wrapped, r => Assert.True(r.GrainId.GetUniformHashCode() is > 0xC000_0000u or <= 0x4000_0000u));
    }

    [Fact]
    public async Task AReminderRegisteredByAGrain_IsStoredInPostgres_AndFiresOnTheSilo()
    {
        var grains = fixture.Silo.Services.GetRequiredService<IGrainFactory>();
        var ticks = fixture.Silo.Services.GetRequiredService<ReminderTicks>();
        var probe = grains.GetGrain<IReminderProbeGrain>("fires");

        await probe.RegisterAsync("tick", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        var stored = await fixture.QueryAsync(
            "SELECT grain_id, period_ms FROM iea_reminder WHERE reminder_name = 'tick'", r => (r.GetString(0), r.GetInt64(1)));
        Assert.Equal((probe.GetGrainId().ToString(), 1000L), Assert.Single(stored));
        await Eventually.ResultAsync(
            () => Task.FromResult(ticks.Count("fires", "tick")), count => count >= 2, TimeSpan.FromSeconds(30), "two ticks of the reminder");

        await probe.UnregisterAsync("tick");
        Assert.Empty(await fixture.QueryAsync("SELECT 1 FROM iea_reminder WHERE reminder_name = 'tick'", r => r.GetInt32(0)));
    }

    /// <summary>The ring range (begin, end], wrapping when begin is not below end.</summary>
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
