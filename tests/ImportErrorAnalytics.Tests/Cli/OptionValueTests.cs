using System.CommandLine;
using ImportErrorAnalytics.Cli;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// Every option of every command that takes a number, given a value that is not one or does not fit, is a usage error
/// naming the option: never a crash (the range checks once asked System.CommandLine for a value it could not parse,
/// and <c>iea report --top lots</c> ended in an unhandled exception, exit 134).
/// </summary>
public class OptionValueTests
{
    public static TheoryData<string, string, string> NumericOptions()
    {
        var data = new TheoryData<string, string, string>();
        var root = IeaCommand.CreateRoot(TextWriter.Null, TextWriter.Null);
        foreach (var command in root.Subcommands)
        {
            foreach (var option in command.Options.Where(o => IsNumber(o.ValueType)))
            {
                foreach (var value in new[] { "lots", "99999999999999999999", "1.5e3", "" })
                {
                    data.Add(command.Name, option.Name, value);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public async Task ANumberOption_GivenNoNumber_IsAUsageErrorNamingIt(string command, string option, string value)
    {
        var stderr = new StringWriter();

        // Otherwise complete, so the number is the only thing wrong.
        string[] rest = command switch
        {
            "report" => ["--input", "x.json"],
            "merge" => ["a.snap", "b.snap"],
            _ => [],
        };

        var code = await IeaCommand.RunAsync([command, .. rest, option, value], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(option, stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCommand_HasNumberOptions_SoTheTheoryCoversThem()
    {
        var names = NumericOptions().Select(row => (string)row[1]).ToHashSet();

        Assert.Contains("--top", names);
        Assert.Contains("--max-page-bytes", names);
        Assert.Contains("--fail-if-errors", names);
        Assert.Contains("--errors", names);
        Assert.Contains("--page-size", names);
    }

    [Theory]
    [InlineData("--top", "-1", "--top must be 0 or more.")]
    [InlineData("--limit", "0", "--limit must be 1 or more.")]
    [InlineData("--max-clusters", "-1", "--max-clusters must be 0 or more.")]
    [InlineData("--max-page-bytes", "63", "--max-page-bytes must be 64 or more.")]
    [InlineData("--fail-if-errors", "-1", "--fail-if-errors must be 0 or more.")]
    [InlineData("--max-bytes", "1023", "--max-bytes must be 1024 or more.")]
    [InlineData("--html-max-bytes", "65535", "--html-max-bytes must be 65536 or more.")]
    public async Task ANumberOutOfRange_IsAUsageErrorSayingTheRange(string option, string value, string message)
    {
        var stderr = new StringWriter();

        var code = await IeaCommand.RunAsync(["report", "--input", "x.json", option, value], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASinceThatIsNoDate_IsAUsageErrorQuotingIt()
    {
        var stderr = new StringWriter();

        var code = await IeaCommand.RunAsync(["report", "--all-imports", "--since", "yesterday\u001b[2J"], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--since takes an ISO 8601 date or time", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stderr.ToString());
    }

    /// <summary>
    /// A check runs on values given on the command line only: a default is valid by construction, and checking it cost
    /// every run the check's start-up (the default --base-url loaded and ran the URI parser).
    /// </summary>
    [Fact]
    public void ACheck_SeesAGivenValue_NotTheDefault()
    {
        var checkedValues = new List<string>();
        var option = new Option<string>("--thing") { DefaultValueFactory = _ => "the default" };
        option.Check(value =>
        {
            checkedValues.Add(value);
            return value == "bad" ? "--thing must not be bad." : null;
        });
        var command = new RootCommand { option };

        Assert.Empty(command.Parse([]).Errors);
        Assert.Empty(checkedValues);
        Assert.Equal("--thing must not be bad.", Assert.Single(command.Parse(["--thing", "bad"]).Errors).Message);
        Assert.Equal(["bad"], checkedValues);
    }

    [Fact]
    public async Task ABaseUrlThatIsNoUrl_IsStillAUsageError()
    {
        var stderr = new StringWriter();

        var code = await IeaCommand.RunAsync(["report", "--import-id", "1", "--base-url", "not a url"], TextWriter.Null, stderr);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--base-url must be an absolute http or https URL.", stderr.ToString(), StringComparison.Ordinal);
    }

    private static bool IsNumber(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal));
}
