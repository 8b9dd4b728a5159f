namespace ImportErrorAnalytics.Orleans.Tests.PostgreSql;

/// <summary>Without a reachable server the PostgreSQL tests fail, and the failure says how to start one.</summary>
public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task WithoutTheVariable_TheFixtureFails_SayingHowToStartTheServer(string? value)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresDatabase.ReachableAdminAsync(value));

        Assert.Contains("IEA_TEST_POSTGRES is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("bash .ci/postgres", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheServerUnreachable_TheFixtureFails_SayingWhyAndHowToStartIt()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PostgresDatabase.ReachableAdminAsync("Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x"));

        Assert.Contains("cannot be used", failure.Message, StringComparison.Ordinal);
        Assert.Contains("bash .ci/postgres", failure.Message, StringComparison.Ordinal);
    }
}
