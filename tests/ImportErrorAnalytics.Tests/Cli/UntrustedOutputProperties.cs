using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Escaping;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// Text from outside reaches standard error quoted and escaped onto one line, at every place it can: file names of
/// inputs (skipped, malformed, missing), names and skip reasons inside snapshots, import ids, names and states and
/// HubSpot's own messages, custom aggregators' names and exceptions. Hostile text (a newline and <c>::error::</c>,
/// ANSI and OSC sequences, CR, NEL, U+2028, bidirectional overrides, unpaired surrogates, tens of thousands of
/// characters) never starts a line, never reaches the terminal raw, and every line is one of iea's own.
/// </summary>
public class UntrustedOutputProperties
{
    private static readonly byte[] Malformed = Encoding.UTF8.GetBytes("""{"results":[{"id":"a","errorType":"INVALID_EMAIL"},{"id":5}]}""");

    private static readonly byte[] Good = JsonText.Page([new SyntheticError { Id = "g", ErrorType = "INVALID_EMAIL", KnownColumnNumber = 1, InvalidValue = "x", FileId = 1, LineNumber = 3 }], null);

    private static (int Code, string Out, string Err) Iea(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = IeaCommand.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Property(MaxTest = 30)]
    public Property InputFileNames_AreQuotedOnOneLine_WhenSkippedMalformedOrMissing() =>
        Prop.ForAll(Arb.From(HostileText.FileNames), name =>
        {
            using var temp = new TempDirectory();
            var directory = Path.Combine(temp.Path, "in");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, name + ".json");
            File.WriteAllBytes(path, Malformed);
            File.WriteAllBytes(Path.Combine(directory, "z-good.json"), Good);

            var copy = Path.Combine(temp.Path, name + ".json");
            File.WriteAllBytes(copy, Good);
            var snapshot = Path.Combine(temp.Path, "twice.snap");

            var skipped = Iea("report", "--input", directory, "--keep-going");
            var failed = Iea("report", "--input", directory);
            var missing = Iea("report", "--input", path + ".missing");
            var twice = Iea("report", "--input", copy, Path.Combine(directory, "z-good.json"), "--snapshot", snapshot);
            var refused = Iea("merge", snapshot);

            Assert.Equal(ExitCodes.Success, skipped.Code);
            Assert.Equal(ExitCodes.MalformedData, failed.Code);
            Assert.Equal(ExitCodes.InputNotFound, missing.Code);
            Assert.Equal(ExitCodes.Success, twice.Code);
            Assert.Equal(ExitCodes.SnapshotsIncompatible, refused.Code);
            foreach (var (stderr, shown) in new[] { (skipped.Err, path), (failed.Err, path), (missing.Err, path + ".missing"), (twice.Err, copy), (refused.Err, copy) })
            {
                HostileText.AssertSafeStderr(stderr);
                Assert.Contains(UntrustedText.Quote(shown), stderr, StringComparison.Ordinal);
            }
        });

    [Property(MaxTest = 25)]
    public Property SnapshotNamesReasonsStatesAndAggregators_AreQuotedOnOneLine() =>
        Prop.ForAll(Arb.From(HostileText.WellFormed), Arb.From(HostileText.WellFormed), (input, state) =>
        {
            using var temp = new TempDirectory();
            string Import(string id) => $$"""
                "imports":[{"id":{{Json(id)}},"name":{{Json(input)}},"state":{{Json(state)}},"createdAt":null,"updatedAt":null,"counters":{},"fileIds":[]}]
                """.Trim();
            var snapshots = Enumerable.Range(0, 3).Select(i =>
            {
                var snapshot = SnapshotBytes.Of([(input, Malformed, InputFormat.Pages), ("good", Good, InputFormat.Pages)], o => o.KeepGoing = true);
                return temp.File($"s{i}.snap", SnapshotBytes.Edited(SnapshotBytes.Write(snapshot), "\"imports\":[]", Import(i < 2 ? "7" : state)));
            }).ToArray();
            var renamed = temp.File("renamed.snap", SnapshotBytes.Write(SnapshotBytes.Of([(state, Good, InputFormat.Pages)])));
            var strange = temp.File("strange.snap", SnapshotBytes.Edited(File.ReadAllBytes(snapshots[0]), "\"errorTypes\":{", Json(state) + ":{\"stateVersion\":1,\"state\":{}},\"errorTypes\":{"));

            var merged = Iea("merge", snapshots[0]);
            var twice = Iea("merge", snapshots[0], snapshots[1]);
            var unknown = Iea("merge", strange);
            var hostileId = Iea("merge", snapshots[2]);
            var sameContent = Iea("merge", snapshots[0], renamed);

            Assert.Equal(ExitCodes.Success, merged.Code);
            Assert.Contains($"iea: skipped {UntrustedText.Quote(input)} page 1", merged.Err, StringComparison.Ordinal);
            Assert.Contains(UntrustedText.Quote(state), merged.Err, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.SnapshotsIncompatible, twice.Code);
            Assert.Contains("both hold HubSpot import '7'", twice.Err, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.SnapshotsIncompatible, unknown.Code);
            Assert.Contains($"the aggregator {UntrustedText.Quote(state)}", unknown.Err, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.SnapshotUnreadable, hostileId.Code);
            Assert.Contains($"holds an import whose id is {UntrustedText.Quote(state)}, not a HubSpot import id", hostileId.Err, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.SnapshotsIncompatible, sameContent.Code);
            Assert.Contains($"{UntrustedText.Quote(state)} in {UntrustedText.Quote(renamed)}", sameContent.Err, StringComparison.Ordinal);
            foreach (var stderr in new[] { merged.Err, twice.Err, unknown.Err, hostileId.Err, sameContent.Err })
            {
                HostileText.AssertSafeStderr(stderr);
            }
        });

    [Fact]
    public async Task HubSpotImportIdsNamesStatesAndMessages_AreQuotedOnOneLine()
    {
        var options = new FakeHubSpotOptions();
        await using var server = await FakeHubSpotServer.StartAsync(options);
        var variable = "IEA_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, server.AccessToken);
        try
        {
            var next = 0;
            var property = Prop.ForAll(Arb.From(HostileText.WellFormed), Arb.From(HostileText.WellFormed), (text, other) =>
            {
                var ids = new[] { $"{7000 + (2 * next)}", $"{7001 + (2 * next)}" };
                next++;
                foreach (var id in ids)
                {
                    var import = FakeImport.FromSynthetic(id, new SyntheticImport(new SyntheticImportOptions { Seed = next, Errors = 20, Files = 1 }));
                    import.ImportName = other;
                    import.State = text;
                    server.AddImport(import);
                }

                string[] Report(params string[] more) =>
                    ["report", "--base-url", server.BaseAddress.ToString(), "--token-env", variable, "--limit", "50", "--rate-limit", "100000", .. more];
                var one = Iea(Report("--import-id", ids[0]));
                var both = Iea(Report("--import-id", ids[0], "--import-id", ids[1]));
                server.FailNext(Fault.ClientError(400, text, correlationId: other));
                var refused = Iea(Report("--import-id", ids[0]));
                server.FailNext(Fault.ClientError(404, other));
                var missing = Iea(Report("--import-id", ids[1]));
                var unknownId = Cut(text, 200);
                var noSuchId = Iea(Report("--import-id", unknownId));

                Assert.Equal(ExitCodes.Success, one.Code);
                Assert.Contains($"in state {UntrustedText.Quote(text)}, not DONE", one.Err, StringComparison.Ordinal);
                Assert.Equal(ExitCodes.Success, both.Code);
                Assert.Contains($"import '{ids[1]}': The import is in state {UntrustedText.Quote(text)}", both.Err, StringComparison.Ordinal);
                Assert.Equal(ExitCodes.HubSpotFailed, refused.Code);
                Assert.Contains($"HubSpot says: {UntrustedText.Quote(text)} (correlationId {UntrustedText.Quote(other)})", refused.Err, StringComparison.Ordinal);
                Assert.Equal(ExitCodes.ImportNotFound, missing.Code);
                Assert.Contains($"HubSpot says: {UntrustedText.Quote(other)}", missing.Err, StringComparison.Ordinal);
                // Text is no import id: refused before any request, quoted in the usage error.
                Assert.Equal(ExitCodes.Usage, noSuchId.Code);
                Assert.Contains($"--import-id takes a HubSpot import id ({HubSpotImportIds.Rule}), not {UntrustedText.Quote(unknownId)}: ", noSuchId.Err, StringComparison.Ordinal);
                foreach (var stderr in new[] { one.Err, both.Err, refused.Err, missing.Err, noSuchId.Err })
                {
                    HostileText.AssertSafeStderr(stderr);
                }
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), property);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task CustomAggregatorNamesAndExceptions_AreQuotedOnOneLine()
    {
        const string Hostile = @"evil\n::error::name\u001b[31m\u2028";
        var source = $$"""
            // {{Guid.NewGuid():N}}
            using System.Text.Json;
            using System.Text.Json.Serialization.Metadata;
            using ImportErrorAnalytics.Aggregation;
            using ImportErrorAnalytics.Model;

            public sealed class Tally
            {
                public long Count { get; set; }
            }

            public sealed class Hostile : IErrorAggregator<Tally, long>
            {
                public string Name => "{{Hostile}}";
                public JsonTypeInfo<long> ResultTypeInfo => (JsonTypeInfo<long>)JsonSerializerOptions.Default.GetTypeInfo(typeof(long));
                public Tally CreateState() => new();
                public void Add(Tally state, in ImportErrorRecord record) => state.Count++;
                public void Merge(Tally into, Tally other) => into.Count += other.Count;
                public long GetResult(Tally state) => throw new System.InvalidOperationException("{{Hostile}} \r\n::error::thrown");
            }
            """;
        using var temp = new TempDirectory();
        var file = temp.File("hostile.cs", source);
        var name = "evil\n::error::name\u001b[31m\u2028";

        var snapshot = await Task.Run(() => Iea("report", "--input", SamplePaths.ImportDirectory, "--aggregator", file, "--snapshot", Path.Combine(temp.Path, "s.snap")));
        var thrown = await Task.Run(() => Iea("report", "--input", SamplePaths.ImportDirectory, "--aggregator", file));

        Assert.Equal(ExitCodes.Usage, snapshot.Code);
        Assert.Contains($"the custom aggregator {UntrustedText.Quote(name)} cannot", snapshot.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CustomAggregatorFailed, thrown.Code);
        Assert.Contains(@"evil\n::error::name\u001B[31m\u2028 \r\n::error::thrown", thrown.Err, StringComparison.Ordinal);
        HostileText.AssertSafeStderr(snapshot.Err);
        HostileText.AssertSafeStderr(thrown.Err);
    }

    private static string Json(string text) => JsonSerializer.Serialize(text);

    /// <summary>At most <paramref name="length"/> characters of <paramref name="text"/>, never half a surrogate pair (a URL must stay short).</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
