using System.Text;
using System.Text.Json.Nodes;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Pipeline.Checkpoints;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// One hand-picked case per path where data comes in, each with its documented exit code and a message that says what
/// was wrong and where: the cases <see cref="ExitCodeBoundaryProperties"/> draws at random, pinned.
/// </summary>
public class ExitCodeTableTests(ExitCodeBoundaryProperties.Server fixture) : IClassFixture<ExitCodeBoundaryProperties.Server>
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("[]", "it is an array, not a JSON object")]
    [InlineData("[{\"id\":\"184448894\"}]", "it is an array, not a JSON object")]
    [InlineData("\"DONE\"", "it is a string, not a JSON object")]
    [InlineData("42", "it is a number, not a JSON object")]
    [InlineData("null", "it is null, not a JSON object")]
    [InlineData("{\"id\":", "it is not valid JSON")]
    public void ImportDescription_ThatIsNoObject_IsAHubSpotFailureNamingIt(string body, string problem)
    {
        fixture.Hit(Fault.Respond(200, Utf8(body)), FaultTarget.Import, hits: 20);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 1)], keepFaults: true);

        Assert.Equal(ExitCodes.HubSpotFailed, code);
        Assert.Contains($"the import's description from {fixture.BaseAddress}crm/imports/2026-03/{fixture.ImportId} cannot be used: {problem}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0{0}", "its 'id' is '0{0}', not the canonical spelling of import {0} (without leading zeros, as HubSpot writes it)")]
    [InlineData("{0}1", "its 'id' is '{0}1', another import than '{0}', the one asked for")]
    [InlineData("x{0}", "its 'id' is 'x{0}', not a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9): it holds characters other than the digits 0-9")]
    [InlineData(" {0}", "its 'id' is ' {0}', not a HubSpot import id")]
    public void ImportDescription_WithAnIdOtherThanTheAskedImportsInHubSpotsSpelling_IsAHubSpotFailureNamingIt(string id, string problem)
    {
        var body = $"{{\"id\":\"{string.Format(System.Globalization.CultureInfo.InvariantCulture, id, fixture.ImportId)}\",\"state\":\"DONE\"}}";
        fixture.Hit(Fault.Respond(200, Utf8(body)), FaultTarget.Import, hits: 20);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 1)], keepFaults: true);

        Assert.Equal(ExitCodes.HubSpotFailed, code);
        Assert.Contains(
            $"the import's description from {fixture.BaseAddress}crm/imports/2026-03/{fixture.ImportId} cannot be used: {string.Format(System.Globalization.CultureInfo.InvariantCulture, problem, fixture.ImportId)}",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ImportDescription_WithANumberForItsId_IsAHubSpotFailure()
    {
        fixture.Hit(Fault.Respond(200, Utf8($"{{\"id\":{fixture.ImportId},\"state\":\"DONE\"}}")), FaultTarget.Import, hits: 20);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 0)], keepFaults: true);

        Assert.Equal(ExitCodes.HubSpotFailed, code);
        Assert.Contains("cannot be used: its 'id' is a number, not a string.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "it is an array, not a JSON object")]
    [InlineData("{\"results\":{}}", "it has no 'results' array")]
    [InlineData("{\"results\":[{\"state\":\"DONE\"}]}", "entry 1 of 'results' is not an import with a string 'id'")]
    [InlineData("{\"results\":[{\"id\":\"5001\"},{\"id\":\" \"}]}", "entry 2 of 'results' has the id ' ', not a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9): it holds characters other than the digits 0-9")]
    [InlineData("{\"results\":[{\"id\":\"5001\"},{\"id\":\"05001\"}]}", "entry 2 of 'results' has the id '05001', not the canonical spelling of import 5001 (without leading zeros, as HubSpot writes it)")]
    [InlineData("{\"results\":[{\"id\":\"0\"}]}", "entry 1 of 'results' has the id '0', not a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9): it is 0")]
    [InlineData("{\"results\":[{\"id\":\"-5001\"}]}", "entry 1 of 'results' has the id '-5001', not a HubSpot import id")]
    [InlineData("{\"results\":[{\"id\":\"9223372036854775808\"}]}", "entry 1 of 'results' has the id '9223372036854775808', not a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9): it is larger than")]
    [InlineData("{\"results\":[{\"id\":5001}]}", "entry 1 of 'results' is not an import with a string 'id'")]
    [InlineData("{\"results\":[\"5001\"]}", "entry 1 of 'results' is not an import with a string 'id'")]
    [InlineData("{\"results\":[{\"id\":\"5001\"}],\"paging\":{\"next\":\"abc\"}}", "'paging.next' is a string, not an object")]
    [InlineData("{\"results\":[{\"id\":\"5001\"}],\"paging\":{\"next\":{\"after\":7}}}", "'paging.next' has no string 'after'")]
    [InlineData("{\"results\":[{\"id\":\"5001\"}],\"paging\":[]}", "'paging' is an array, not an object")]
    public void ImportList_OfAnotherShape_IsAHubSpotFailureNamingIt(string body, string problem)
    {
        fixture.Hit(Fault.Respond(200, Utf8(body)), FaultTarget.ImportList, hits: 20);

        var (code, error) = fixture.Iea(["report", "--all-imports", .. fixture.Connection(retries: 0), "--out", Path.Combine(fixture.TempPath, "list.json")], keepFaults: true);

        Assert.Equal(ExitCodes.HubSpotFailed, code);
        Assert.Contains($"the list of imports from {fixture.BaseAddress}crm/imports/2026-03 cannot be used: {problem}", error, StringComparison.Ordinal);
    }

    /// <summary>JSON whose strings hold invalid UTF-8 parses; reading such a string throws. Found by the boundary properties.</summary>
    [Fact]
    public void Answers_WithInvalidUtf8InAString_EndInTheirFamilysCode()
    {
        byte[] Invalid(string before, string after) => [.. Utf8(before), 0xC3, 0x28, .. Utf8(after)];

        fixture.Hit(Fault.Respond(200, Invalid("{\"id\":\"", "\",\"state\":\"DONE\"}")), FaultTarget.Import, hits: 20);
        var description = fixture.Iea([.. fixture.OneImport(retries: 0)], keepFaults: true);
        fixture.Hit(Fault.Respond(200, Invalid("{\"results\":[{\"id\":\"", "\"}]}")), FaultTarget.ImportList, hits: 20);
        var list = fixture.Iea(["report", "--all-imports", .. fixture.Connection(retries: 0)], keepFaults: true);
        fixture.Hit(Fault.Respond(401, Invalid("{\"message\":\"", "\"}")), FaultTarget.Errors, hits: 20);
        var refusal = fixture.Iea([.. fixture.OneImport(retries: 0)], keepFaults: true);

        Assert.True(description.Code == ExitCodes.HubSpotFailed, description.Err);
        Assert.Contains("the import's description from", description.Err, StringComparison.Ordinal);
        Assert.True(list.Code == ExitCodes.HubSpotFailed, list.Err);
        Assert.Contains("the list of imports from", list.Err, StringComparison.Ordinal);
        Assert.True(refusal.Code == ExitCodes.AuthenticationFailed, refusal.Err);
    }

    [Theory]
    [InlineData(FaultTarget.Errors, "gzip")]
    [InlineData(FaultTarget.Errors, "br")]
    [InlineData(FaultTarget.Errors, "deflate")]
    [InlineData(FaultTarget.Import, "gzip")]
    [InlineData(FaultTarget.Import, "br")]
    public void Body_ThatDoesNotFollowItsContentEncoding_IsAHubSpotFailure(FaultTarget target, string encoding)
    {
        fixture.Hit(Fault.RewriteBody(body => body, new Dictionary<string, string> { ["Content-Encoding"] = encoding }), target, hits: 20);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 0)], keepFaults: true);

        Assert.Equal(ExitCodes.HubSpotFailed, code);
        Assert.Contains("does not follow its Content-Encoding", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503, "br", ExitCodes.HubSpotFailed)]
    [InlineData(401, "gzip", ExitCodes.AuthenticationFailed)]
    [InlineData(404, "br", ExitCodes.ImportNotFound)]
    [InlineData(400, "deflate", ExitCodes.HubSpotFailed)]
    public void ErrorAnswer_WithAnUndecodableBody_KeepsItsStatussCode(int status, string encoding, int expected)
    {
        fixture.Hit(Fault.Respond(status, [0x01, 0x02, 0x03, 0xFF], new Dictionary<string, string> { ["Content-Encoding"] = encoding }), FaultTarget.Errors, hits: 20);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 0)], keepFaults: true);

        Assert.True(code == expected, error);
    }

    [Theory]
    [InlineData("complete", "false", "an unfinished checkpoint has no cursor to read on from")]
    [InlineData("nextPageIndex", "1", "it counts 3 pages and resumes at page 2")]
    [InlineData("errors", "149", "'totals' counts 150 errors, the run's counters 149")]
    [InlineData("version", "\"1\"", "'version' is a string")]
    [InlineData("states", "[]", "'states' is an array")]
    [InlineData("import", "[]", "The JSON value could not be converted")]
    public void Checkpoint_ThatDisagreesWithItself_IsRefusedWithNine(string field, string value, string problem)
    {
        var checkpoint = JsonNode.Parse(fixture.CompleteCheckpoint)!.AsObject();
        var holder = field == "errors" ? checkpoint["counters"]!.AsObject() : checkpoint;
        holder[field] = JsonNode.Parse(value);

        var (code, error) = fixture.ReportFromCheckpoint(Utf8(checkpoint.ToJsonString()));

        Assert.Equal(ExitCodes.CheckpointUnusable, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_WithAClusterOfTooFewNumbers_IsRefusedWithNine()
    {
        var checkpoint = JsonNode.Parse(fixture.CompleteCheckpoint)!.AsObject();
        var files = checkpoint["states"]!["lineClusters"]!["files"]!.AsArray();
        files[0]!["clusters"] = JsonNode.Parse("[[3]]");

        var (code, error) = fixture.ReportFromCheckpoint(Utf8(checkpoint.ToJsonString()));

        Assert.Equal(ExitCodes.CheckpointUnusable, code);
        Assert.Contains("the state of the aggregator 'lineClusters' cannot be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_ThatIsADirectory_IsAnOutputThatCannotBeWritten()
    {
        var path = Path.Combine(fixture.TempPath, "checkpoint-directory");
        Directory.CreateDirectory(path);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 0), "--checkpoint", path]);

        Assert.Equal(ExitCodes.OutputFailed, code);
        Assert.Contains($"cannot write '{path}' (--checkpoint): it is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_ThatCannotBeRead_IsRefusedWithNine()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "run.checkpoint");
        File.WriteAllBytes(path, fixture.UnfinishedCheckpoint);
        using var locked = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var (code, error) = fixture.Iea([.. fixture.OneImport(retries: 0), "--checkpoint", path]);

        Assert.Equal(ExitCodes.CheckpointUnusable, code);
        Assert.Contains($"The checkpoint '{path}' cannot be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NdjsonLine_ThatFailsAfterItsRecordClosed_IsNotInThePartialReport()
    {
        var lines = Encoding.UTF8.GetString(fixture.NdjsonFile).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var input = Path.Combine(fixture.TempPath, "trailing.ndjson");
        var report = Path.Combine(fixture.TempPath, "trailing.json");
        File.WriteAllText(input, $"{lines[0]}\n{lines[1]}\n{lines[2]},\n{lines[3]}\n");

        var (code, error) = fixture.Iea(["report", "--input", input, "--out", report]);
        var (kept, keptError) = fixture.Iea(["report", "--input", input, "--keep-going", "--out", report + ".kept"]);

        Assert.Equal(ExitCodes.MalformedData, code);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(report))!["totals"]!["errors"]!.GetValue<long>());
        Assert.True(kept == ExitCodes.Success, keptError);
        var whole = JsonNode.Parse(File.ReadAllText(report + ".kept"))!;
        Assert.Equal(3, whole["totals"]!["errors"]!.GetValue<long>());
        Assert.Equal(3, whole["skipped"]![0]!["page"]!.GetValue<int>());
    }

    /// <summary>Only the command line's own checks give 2: an argument exception met while reading is a bug (70), not a usage error.</summary>
    [Fact]
    public void Classify_GivesArgumentExceptionsMetWhileReadingNoCode()
    {
        Assert.Null(ReportCommand.Classify(new ArgumentOutOfRangeException("delay", "The value needs to translate in milliseconds to -1 or between 0 and 4294967294.")));
        Assert.Null(ReportCommand.Classify(new ArgumentException("x")));
        Assert.Null(ReportCommand.Classify(new InvalidOperationException("x")));
        Assert.Equal(ExitCodes.OutputFailed, ReportCommand.Classify(new CheckpointException("x") { IsSaveFailure = true }));
        Assert.Equal(ExitCodes.CheckpointUnusable, ReportCommand.Classify(new CheckpointException("x")));
        Assert.Equal(ExitCodes.HubSpotFailed, ReportCommand.Classify(new HubSpotApiException(HubSpotFailure.RetriesExhausted, null, "x")));
    }

    [Theory]
    [InlineData("--input", "", "--input takes a path, not an empty string.")]
    [InlineData("--import-id", " ", "--import-id takes a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9), not ' ': it holds characters other than the digits 0-9.")]
    [InlineData("--import-id", "", "--import-id takes a HubSpot import id (a whole number from 1 to 9223372036854775807 in the digits 0-9), not '': it is empty.")]
    public void EmptyPathsAndIds_AreUsageErrorsOfTheCommandLine(string option, string value, string message)
    {
        var (code, error) = fixture.Iea(["report", option, value]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--snapshot", "several")]
    [InlineData("--checkpoint", "one")]
    public void AggregatorThatCannotSave_IsAUsageErrorBeforeAnyRequest(string option, string imports)
    {
        var before = fixture.RequestCount;
        string[] ids = imports == "one" ? ["--import-id", fixture.ImportId] : ["--all-imports"];

        var (code, error) = fixture.Iea(["report", .. ids, .. fixture.Connection(retries: 0), "--aggregator", SamplePaths.AggregatorSample, option, Path.Combine(fixture.TempPath, "state")]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"iea: {option}: A ", error, StringComparison.Ordinal);
        Assert.Contains("the custom aggregator 'errorsPerObjectType' cannot (implement IPersistentErrorAggregator<TState>)", error, StringComparison.Ordinal);
        Assert.Equal(before, fixture.RequestCount);
    }
}
