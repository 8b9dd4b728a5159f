using ImportErrorAnalytics.CodeFixes;
using Verifier = ImportErrorAnalytics.Analyzers.Tests.Support.Verify<ImportErrorAnalytics.Analyzers.HardCodedAccessTokenAnalyzer>;

namespace ImportErrorAnalytics.Analyzers.Tests;

public sealed class HardCodedAccessTokenTests
{
    private const string Usings = """
        using System;
        using ImportErrorAnalytics.HubSpot;

        """;

    [Theory]
    [InlineData("""var t = HubSpotAccessToken.From([|"my-secret"|]);""")]
    [InlineData("""var t = HubSpotAccessToken.From([|"pat-na1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|]);""")]
    [InlineData("""var t = [|"pat-na1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|];""")]
    [InlineData("""var t = [|"pat-eu1-ABCDEF01-2345-6789-abcd-ef0123456789"|];""")]
    [InlineData("""var h = [|"Bearer pat-na2-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|];""")]
    [InlineData("""var o = new HubSpotSourceOptions { AccessToken = HubSpotAccessToken.From([|"x"|]) };""")]
    public async Task HardCodedAccessToken_Triggers(string statement)
    {
        var source = Usings + $$"""
            public static class C
            {
                public static void Test()
                {
                    {{statement}}
                }
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task HardCodedAccessToken_Triggers_OnAConstant()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public static class C
            {
                private const string Token = [|"pat-na1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|];
            }
            """);
    }

    [Theory]
    [InlineData("""var t = HubSpotAccessToken.FromEnvironment();""")]
    [InlineData("""var t = HubSpotAccessToken.FromEnvironment("MY_TOKEN");""")]
    [InlineData("""var t = HubSpotAccessToken.From(Environment.GetEnvironmentVariable("HUBSPOT_ACCESS_TOKEN")!);""")]
    [InlineData("""var t = HubSpotAccessToken.FromEnvironment(HubSpotAccessToken.DefaultVariable);""")]
    [InlineData("""var s = "pat-na1-short";""")]
    [InlineData("""var s = "patent-na1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60";""")]
    [InlineData("""var s = "HUBSPOT_ACCESS_TOKEN";""")]
    [InlineData("""var s = Other.From("not a token");""")]
    public async Task HardCodedAccessToken_DoesNotTrigger(string statement)
    {
        var source = Usings + $$"""
            public static class Other { public static string From(string s) => s; }
            public static class C
            {
                public static void Test()
                {
                    {{statement}}
                }
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task HardCodedAccessToken_FixOfFromArgument_UsesFromEnvironment()
    {
        await Verifier.CodeFixAsync<HardCodedAccessTokenCodeFixProvider>(
            Usings + """
            public static class C
            {
                public static HubSpotAccessToken Token() => HubSpotAccessToken.From([|"pat-na1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|]);
            }
            """,
            Usings + """
            public static class C
            {
                public static HubSpotAccessToken Token() => HubSpotAccessToken.FromEnvironment();
            }
            """);
    }

    [Fact]
    public async Task HardCodedAccessToken_FixOfOtherLiteral_ReadsTheEnvironmentVariable()
    {
        await Verifier.CodeFixAsync<HardCodedAccessTokenCodeFixProvider>(
            Usings + """
            public static class C
            {
                public static string Header() => "Bearer " + [|"pat-eu1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|];
            }
            """,
            Usings + """
            public static class C
            {
                public static string Header() => "Bearer " + System.Environment.GetEnvironmentVariable("HUBSPOT_ACCESS_TOKEN");
            }
            """);
    }

    [Fact]
    public async Task HardCodedAccessToken_NoFixInAConstant()
    {
        const string Source = Usings + """
            public static class C
            {
                private const string Token = [|"pat-na1-0b9e2a61-3f4d-4c2b-9a8e-1d2c3b4a5f60"|];
            }
            """;
        await Verifier.CodeFixAsync<HardCodedAccessTokenCodeFixProvider>(Source, Source);
    }
}
