using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>A HubSpot account as the tests fake it: its own server (its own token, burst limit and request log) and imports.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Server">The account's fake HubSpot.</param>
/// <param name="ImportIds">Its imports.</param>
/// <param name="Budget">The account's requests per 10 s.</param>
/// <param name="GivenToken">What the token provider hands out for it (the server's token unless a test wants a wrong one).</param>
internal sealed record FakeAccount(string Id, FakeHubSpotServer Server, IReadOnlyList<string> ImportIds, int Budget, string GivenToken);
