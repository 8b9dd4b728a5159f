using ImportErrorAnalytics.Orleans.Tests.Support;
using ImportErrorAnalytics.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>
/// Cluster membership on the project's schema, with Orleans' own ADO.NET clustering provider: real silos join, a
/// client finds them through the gateway query, a stopped silo is marked dead, and the table version moves on with
/// every change and refuses a stale one.
/// </summary>
[Slow(SlowKind.Orleans)]
public sealed class MembershipTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task SilosJoin_AClientFindsThem_AStoppedSiloIsMarkedDead_AndTheVersionMovesOnWithEachChange()
    {
        await database.CreateSchemaAsync();
        var clusterId = "membership-" + Guid.NewGuid().ToString("N")[..8];

        await using var first = await PostgresSilo.StartAsync(database.ConnectionString, clusterId);
        var afterFirst = await RowsAsync(clusterId);
        var v1 = await VersionAsync(clusterId);
        Assert.Equal([(first.SiloPort, Active)], afterFirst.Select(r => (r.Port, r.Status)));
        Assert.True(v1 >= 1, $"version {v1} after one silo joined");

        await using var second = await PostgresSilo.StartAsync(database.ConnectionString, clusterId);
        var bothActive = await Eventually.ResultAsync(
            () => RowsAsync(clusterId), rows => rows.Count(r => r.Status == Active) == 2, TimeSpan.FromSeconds(30), "two active silos");
        var v2 = await VersionAsync(clusterId);
        Assert.Equal(new[] { first.SiloPort, second.SiloPort }.Order(), bothActive.Select(r => r.Port).Order());
        Assert.True(v2 > v1, $"version {v2} after the second silo joined, was {v1}");
        Assert.All(bothActive, r => Assert.Equal(first.Address, r.Address));

        // A client finds the gateways through GatewaysQueryKey and reaches a grain.
        using (var client = await PostgresSilo.StartClientAsync(database.ConnectionString, clusterId))
        {
            var grains = client.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IReminderProbeGrain>("membership").RegisterAsync("probe", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
            await grains.GetGrain<IReminderProbeGrain>("membership").UnregisterAsync("probe");
            await client.StopAsync();
        }

        await second.StopAsync();
        var afterStop = await Eventually.ResultAsync(
            () => RowsAsync(clusterId), rows => rows.Single(r => r.Port == second.SiloPort).Status == Dead, TimeSpan.FromSeconds(30), "the stopped silo marked dead");
        var v3 = await VersionAsync(clusterId);
        Assert.Equal(Active, afterStop.Single(r => r.Port == first.SiloPort).Status);
        Assert.True(v3 > v2, $"version {v3} after the second silo stopped, was {v2}");
    }

    [Fact]
    public async Task TheMembershipTable_ReadsWhatTheRowsSay_AndRefusesAStaleVersion()
    {
        await database.CreateSchemaAsync();
        var clusterId = "contract-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await PostgresSilo.StartAsync(database.ConnectionString, clusterId);
        var table = silo.Services.GetRequiredService<IMembershipTable>();

        var read = await table.ReadAllAsync();
        var version = await VersionAsync(clusterId);
        var (entry, _) = Assert.Single(read.Members);
        Assert.Equal(version, read.Version.Version);
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), read.Version.VersionEtag);
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(silo.SiloPort, entry.SiloAddress.Endpoint.Port);
        Assert.Equal(DateTimeKind.Utc, entry.StartTime.Kind);

        // A would-be silo with the version before the current one: refused, and nothing changes.
        var stranger = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 1),
            Status = SiloStatus.Joining,
            SiloName = "stranger",
            HostName = "nowhere",
            StartTime = DateTime.UtcNow,
            IAmAliveTime = DateTime.UtcNow,
        };
        var stale = new TableVersion(version, (version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await table.InsertRowAsync(stranger, stale));
        Assert.Single((await table.ReadAllAsync()).Members);
        Assert.Equal(version, await VersionAsync(clusterId));

        // With the current version it joins, and the version moves on by one.
        Assert.True(await table.InsertRowAsync(stranger, read.Version.Next()));
        Assert.Equal(version + 1, await VersionAsync(clusterId));
        Assert.Equal(2, (await table.ReadAllAsync()).Members.Count);

        // A heartbeat changes the alive time and not the version.
        var later = DateTime.UtcNow.AddSeconds(5);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = stranger.SiloAddress, IAmAliveTime = later });
        var (beat, _) = (await table.ReadRowAsync(stranger.SiloAddress)).Members.Single();
        Assert.Equal(version + 1, await VersionAsync(clusterId));
        Assert.Equal(later.Ticks / 10, beat.IAmAliveTime.Ticks / 10);
    }

    private async Task<int> VersionAsync(string clusterId) =>
        (await database.QueryAsync($"SELECT version FROM iea_membership_version WHERE deployment_id = '{clusterId}'", r => r.GetInt32(0))).Single();

    private Task<List<(string Address, int Port, int Status)>> RowsAsync(string clusterId) =>
        database.QueryAsync(
            $"SELECT address, port, status FROM iea_membership WHERE deployment_id = '{clusterId}' ORDER BY port",
            r => (r.GetString(0), r.GetInt32(1), r.GetInt32(2)));
}
