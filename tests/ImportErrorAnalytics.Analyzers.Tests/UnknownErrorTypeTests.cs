using ImportErrorAnalytics.Analyzers.Tests.Support;
using ImportErrorAnalytics.CodeFixes;
using Verifier = ImportErrorAnalytics.Analyzers.Tests.Support.Verify<ImportErrorAnalytics.Analyzers.UnknownErrorTypeAnalyzer>;

namespace ImportErrorAnalytics.Analyzers.Tests;

public sealed class UnknownErrorTypeTests
{
    private const string Usings = """
        using System;
        using ImportErrorAnalytics.Model;
        using ImportErrorAnalytics.Reporting;

        """;

    [Theory]
    [InlineData("""record.ErrorType == [|"INVALID_EMAIL_ADDRESS"|]""")]
    [InlineData("""[|"INVALID_MAIL"|] != record.ErrorType""")]
    [InlineData("""string.Equals(record.ErrorType, [|"invalid_email"|], StringComparison.Ordinal)""")]
    [InlineData("""record.ErrorType!.Equals([|"UNKNOWN_THING"|])""")]
    [InlineData("""record.ErrorType is [|"COULD_NOT_PARSE_DAT"|]""")]
    [InlineData("""record.ErrorType is "INVALID_EMAIL" or [|"BAD"|]""")]
    [InlineData("""HubSpotNames.IsKnownErrorType([|"INVALID_EMAL"|])""")]
    [InlineData("""Check(errorType: [|"NOPE"|])""")]
    [InlineData("""new ErrorTypeCount { ErrorType = [|"INVALID_EMAILS"|] }.Count == 0""")]
    [InlineData("""new ErrorTypeCount { ErrorType = record.LineNumber > 0 ? "INVALID_EMAIL" : [|"INVALID_PHONE"|] }.Count == 0""")]
    [InlineData("""HubSpotNames.IsKnownErrorType(record.ErrorType ?? [|"NONE"|])""")]
    public async Task UnknownErrorType_Triggers(string expression)
    {
        var source = Usings + $$"""
            public static class C
            {
                public static bool Check(string errorType) => errorType.Length > 0;
                public static bool Test(in ImportErrorRecord record) => {{expression}};
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Theory]
    [InlineData("""record.ErrorType == "INVALID_EMAIL" """)]
    [InlineData("""record.ErrorType != "COULD_NOT_PARSE_DATE" """)]
    [InlineData("""string.Equals(record.ErrorType, "DUPLICATE_OBJECT_ID", StringComparison.Ordinal)""")]
    [InlineData("""record.ErrorType is "UNKNOWN_ASSOCIATION_RECORD_ID" or "INVALID_EMAIL" """)]
    [InlineData("""record.ErrorType is null""")]
    [InlineData("""HubSpotNames.IsKnownErrorType("FAILED_VALIDATION")""")]
    [InlineData("""HubSpotNames.IsKnownErrorType(record.ErrorType ?? "")""")]
    [InlineData("""record.ObjectType == "CONTACT" """)]
    [InlineData("""Check(name: "NOT_AN_ERROR_TYPE")""")]
    [InlineData("""new Local { ErrorType = "ANYTHING_GOES" }.ErrorType == "ANYTHING_GOES" """)]
    [InlineData("""new ErrorTypeCount { ErrorType = "INVALID_EMAIL" }.Count == 0""")]
    public async Task UnknownErrorType_DoesNotTrigger(string expression)
    {
        var source = Usings + $$"""
            public sealed class Local { public string ErrorType { get; set; } = ""; }
            public static class C
            {
                public static bool Check(string name) => name.Length > 0;
                public static bool Test(in ImportErrorRecord record) => {{expression}};
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task UnknownErrorType_Triggers_InSwitchCasesAndArms()
    {
        await Verifier.AnalyzerAsync(Usings + """
            public static class C
            {
                public static int Statement(in ImportErrorRecord record)
                {
                    switch (record.ErrorType)
                    {
                        case "INVALID_EMAIL":
                        case [|"INVALID_EMAL"|]:
                            return 1;
                        case [|"FAILED_VALIDATON"|] or "FAILED_VALIDATION":
                            return 2;
                        default:
                            return 0;
                    }
                }

                public static int Expression(in ImportErrorRecord record) => record.ErrorType switch
                {
                    "COULD_NOT_PARSE_DATE" => 1,
                    [|"COULD_NOT_PARSE_NUMBR"|] => 2,
                    null => 3,
                    _ => 0,
                };

                public static int Other(string s) => s switch { "NOT_AN_ERROR_TYPE" => 1, _ => 0 };
            }
            """);
    }

    [Theory]
    [InlineData("INVALID_EMAL", "INVALID_EMAIL")]
    [InlineData("invalid_email", "INVALID_EMAIL")]
    [InlineData("COULD_NOT_PARSE_DAT", "COULD_NOT_PARSE_DATE")]
    [InlineData("DUPLICATE_OBJECTID", "DUPLICATE_OBJECT_ID")]
    public async Task UnknownErrorType_FixUsesClosestKnownName(string typo, string expected)
    {
        const string Template = Usings + """
            public static class C
            {
                public static bool Test(in ImportErrorRecord record) => record.ErrorType == VALUE;
            }
            """;
        await Verifier.CodeFixAsync<UnknownErrorTypeCodeFixProvider>(
            Template.Replace("VALUE", $"[|\"{typo}\"|]", StringComparison.Ordinal),
            Template.Replace("VALUE", $"\"{expected}\"", StringComparison.Ordinal));
    }
}
