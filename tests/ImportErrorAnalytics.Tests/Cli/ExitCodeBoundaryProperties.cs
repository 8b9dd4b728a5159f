using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Cli;
using ImportErrorAnalytics.Testing.FakeHubSpot;
using ImportErrorAnalytics.Tests.Shared;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Cli;

/// <summary>
/// The command line, in process, with random damage at each boundary where data comes in: HubSpot's error pages, import
/// descriptions and lists of imports of the wrong shape at any position or with damaged bytes, error answers of any
/// status, body and headers, damaged checkpoints, damaged snapshots (with and without a recomputed checksum) and damaged
/// input files. Every run ends with a documented exit code of the boundary's family, never 70 (an internal error).
/// </summary>
[Slow(SlowKind.RealTime)]
public class ExitCodeBoundaryProperties(ExitCodeBoundaryProperties.Server fixture) : IClassFixture<ExitCodeBoundaryProperties.Server>
{
    private static readonly Arbitrary<(int Seed, int Retries, int Hits)> Damage = Arb.From(
        from seed in Gen.Choose(0, int.MaxValue)
        from retries in Gen.Choose(0, 1)
        from hits in Gen.Choose(1, 3)
        select (seed, retries, hits));

    [Property(MaxTest = 30)]
    public Property ErrorPages_OfAnyShape_EndInMalformedDataOrAHubSpotFailure() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var page = random.Next(Server.Pages);
            var fault = Fault.RewriteBody(body => JsonDamage.Any(body, new Random(input.Seed)));
            fixture.HitErrorPages(fault, page, input.Hits);
            var run = fixture.Report(input.Retries);
            AssertCode(run, ExitCodes.Success, ExitCodes.MalformedData, ExitCodes.HubSpotFailed);
        });

    [Property(MaxTest = 30)]
    public Property ImportDescriptions_OfAnyShape_EndInAHubSpotFailure() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var fault = random.Next(3) == 0
                ? Fault.Respond(200, JsonDamage.AnyValue(random))
                : Fault.RewriteBody(body => JsonDamage.Any(body, new Random(input.Seed)));
            fixture.Hit(fault, FaultTarget.Import, input.Hits);
            var run = fixture.Report(input.Retries);
            AssertCode(run, ExitCodes.Success, ExitCodes.HubSpotFailed);
        });

    [Property(MaxTest = 25)]
    public Property ImportLists_OfAnyShape_EndInAHubSpotFailureOrAMissingImport() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var fault = random.Next(4) == 0
                ? Fault.Respond(200, JsonDamage.AnyValue(random))
                : Fault.RewriteBody(body => JsonDamage.Any(body, new Random(input.Seed)));
            fixture.Hit(fault, FaultTarget.ImportList, input.Hits);
            var run = fixture.AllImports(input.Retries);
            AssertCode(run, ExitCodes.Success, ExitCodes.ImportNotFound, ExitCodes.HubSpotFailed);
        });

    [Property(MaxTest = 40)]
    public Property ErrorAnswers_OfAnyStatusBodyAndHeaders_EndInTheirStatussCode() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var status = Server.Statuses[random.Next(Server.Statuses.Length)];
            var fault = Fault.Respond(status, Server.ErrorBody(random), Server.ErrorHeaders(random, status));
            var target = (FaultTarget)random.Next((int)FaultTarget.Errors, (int)FaultTarget.ImportList + 1);
            fixture.Hit(fault, target, input.Hits);
            var run = target == FaultTarget.ImportList ? fixture.AllImports(input.Retries) : fixture.Report(input.Retries);
            int[] expected = status switch
            {
                401 or 403 => [ExitCodes.AuthenticationFailed],
                404 => [ExitCodes.ImportNotFound],
                429 => [ExitCodes.Success, ExitCodes.RateLimited],
                408 or 423 or 477 or >= 500 => [ExitCodes.Success, ExitCodes.HubSpotFailed],
                _ => [ExitCodes.HubSpotFailed],
            };
            AssertCode(run, expected);
        });

    [Property(MaxTest = 25)]
    public Property SuccessfulAnswers_WithHeadersTheirBodiesDoNotFollow_EndInADocumentedCode() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var headers = new Dictionary<string, string>
            {
                [Server.Pick(random, "Content-Encoding", "Content-Type", "Retry-After", "X-HubSpot-RateLimit-Interval-Milliseconds", "X-HubSpot-RateLimit-Remaining")] =
                    Server.Pick(random, "gzip", "br", "deflate", "x-unknown", "text/html", "-1", "abc", "99999999999999999999", "0"),
            };
            var target = (FaultTarget)random.Next((int)FaultTarget.Errors, (int)FaultTarget.Import + 1);
            fixture.Hit(Fault.RewriteBody(body => body, headers), target, input.Hits);
            var run = fixture.Report(input.Retries);
            AssertCode(run, ExitCodes.Success, ExitCodes.MalformedData, ExitCodes.HubSpotFailed);
        });

    [Property(MaxTest = 30)]
    public Property Checkpoints_DamagedAnyHow_AreRefusedOrResumedFrom() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var saved = random.Next(2) == 0 ? fixture.UnfinishedCheckpoint : fixture.CompleteCheckpoint;
            var damaged = random.Next(5) == 0 ? saved[..random.Next(saved.Length)] : JsonDamage.Any(saved, random);
            var run = fixture.ReportFromCheckpoint(damaged);

            // A cursor damaged into one the server does not know is refused by it (400: a HubSpot failure).
            AssertCode(run, ExitCodes.Success, ExitCodes.CheckpointUnusable, ExitCodes.HubSpotFailed);
        });

    [Property(MaxTest = 30)]
    public Property Snapshots_DamagedAnyHow_AreRefusedOrMergedAsTheyWere() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var snapshot = fixture.Snapshot;
            var damaged = random.Next(3) switch
            {
                0 => JsonDamage.Bytes(snapshot, random),
                1 => SnapshotBytes.Signed(JsonDamage.Bytes(SnapshotBytes.Payload(snapshot), random)),
                _ => SnapshotBytes.Signed(JsonDamage.WrongShape(SnapshotBytes.Payload(snapshot), random)),
            };
            var run = fixture.Merge(damaged, withOther: random.Next(2) == 0);
            AssertCode(run, ExitCodes.Success, ExitCodes.SnapshotUnreadable, ExitCodes.SnapshotsIncompatible);
        });

    [Property(MaxTest = 30)]
    public Property InputFiles_DamagedAnyHow_AreMalformedDataOrSkippedUnderKeepGoing() =>
        Prop.ForAll(Damage, input =>
        {
            var random = new Random(input.Seed);
            var keepGoing = random.Next(2) == 0;
            var ndjson = random.Next(2) == 0;
            var run = fixture.ReportFile(JsonDamage.Any(ndjson ? fixture.NdjsonFile : fixture.PageFile, random), ndjson ? "lines.ndjson" : "page.json", keepGoing);
            AssertCode(run, keepGoing ? [ExitCodes.Success] : [ExitCodes.Success, ExitCodes.MalformedData]);
        });

    private static void AssertCode((int Code, string Err) run, params int[] expected)
    {
        Assert.True(expected.Contains(run.Code), $"exit {run.Code}, expected one of {string.Join(", ", expected)}; stderr:\n{run.Err}");
        Assert.DoesNotContain("internal error", run.Err, StringComparison.Ordinal);
        if (run.Code != ExitCodes.Success)
        {
            Assert.Contains("iea: ", run.Err, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// One fake HubSpot for the class (three imports of three pages of 50 errors), and what the properties damage: a
    /// checkpoint left by a run stopped after page 2, one of a finished run, a snapshot, a saved page.
    /// </summary>
    public sealed class Server : IAsyncLifetime, IDisposable
    {
        public const int Pages = 3;

        public static readonly int[] Statuses = [400, 401, 403, 404, 405, 408, 409, 410, 413, 418, 422, 423, 429, 477, 500, 502, 503, 504, 521];

        private readonly string _variable = "IEA_BOUNDARY_TOKEN_" + Guid.NewGuid().ToString("N");
        private readonly TempDirectory _temp = new();
        private FakeHubSpotServer? _server;
        private (string Id, ImportErrorAnalytics.Testing.SyntheticImport Import)[] _imports = [];

        public byte[] UnfinishedCheckpoint { get; private set; } = [];

        public byte[] CompleteCheckpoint { get; private set; } = [];

        public byte[] Snapshot { get; private set; } = [];

        public byte[] PageFile { get; private set; } = [];

        public byte[] NdjsonFile { get; private set; } = [];

        private FakeHubSpotServer Fake => _server!;

        public async Task InitializeAsync()
        {
            _imports = FakeHubSpotImports.Imports(Pages * 50, 70, 40);
            _server = await FakeHubSpotImports.StartAsync(_imports);
            Environment.SetEnvironmentVariable(_variable, _server.AccessToken);

            var checkpoint = Path.Combine(_temp.Path, "made.checkpoint");
            Fake.AddFault(new FaultRule(Fault.DailyLimit(), FaultTarget.Errors, [Requests(FakeHubSpotEndpoint.Errors) + 3]));
            Assert.Equal(ExitCodes.RateLimited, Run([.. OneImport(0), "--checkpoint", checkpoint]).Code);
            UnfinishedCheckpoint = await File.ReadAllBytesAsync(checkpoint);
            Assert.Equal(ExitCodes.Success, Run([.. OneImport(0), "--checkpoint", checkpoint]).Code);
            CompleteCheckpoint = await File.ReadAllBytesAsync(checkpoint);

            var snapshot = Path.Combine(_temp.Path, "made.snap");
            Assert.Equal(ExitCodes.Success, Run([.. OneImport(0), "--snapshot", snapshot]).Code);
            Snapshot = await File.ReadAllBytesAsync(snapshot);
            Assert.Equal(ExitCodes.Success, Run(["report", "--input", Path.Combine(SamplePaths.ImportDirectory, "page-00004.json"), "--snapshot", Path.Combine(_temp.Path, "other.snap"), "--out", Path.Combine(_temp.Path, "other.json")]).Code);
            PageFile = await File.ReadAllBytesAsync(Path.Combine(SamplePaths.ImportDirectory, "page-00002.json"));
            var records = System.Text.Json.Nodes.JsonNode.Parse(PageFile)!["results"]!.AsArray().Take(20).Select(record => record!.ToJsonString());
            NdjsonFile = Encoding.UTF8.GetBytes(string.Join('\n', records) + "\n");
        }

        public async Task DisposeAsync()
        {
            Environment.SetEnvironmentVariable(_variable, null);
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }

        public void Dispose() => _temp.Dispose();

        /// <summary>Hits <paramref name="hits"/> requests for page <paramref name="page"/> (0-based) of the next run, and its retries.</summary>
        public void HitErrorPages(Fault fault, int page, int hits)
        {
            Fake.ClearFaults();
            var next = Requests(FakeHubSpotEndpoint.Errors) + page + 1;
            Fake.AddFault(new FaultRule(fault, FaultTarget.Errors, Enumerable.Range(next, hits)));
        }

        /// <summary>Hits the next <paramref name="hits"/> requests of <paramref name="target"/>.</summary>
        public void Hit(Fault fault, FaultTarget target, int hits)
        {
            Fake.ClearFaults();
            Fake.FailNext(fault, hits, target);
        }

        /// <summary><c>iea report --import-id</c> of the first import.</summary>
        public (int Code, string Err) Report(int retries) =>
            Run([.. OneImport(retries), "--out", Path.Combine(_temp.Path, "report.json")]);

        /// <summary><c>iea report --all-imports</c>.</summary>
        public (int Code, string Err) AllImports(int retries) =>
            Run(["report", "--all-imports", .. Connection(retries), "--out", Path.Combine(_temp.Path, "all.json")]);

        public (int Code, string Err) ReportFromCheckpoint(byte[] checkpoint)
        {
            Fake.ClearFaults();
            var path = Path.Combine(_temp.Path, "damaged.checkpoint");
            File.WriteAllBytes(path, checkpoint);
            return Run([.. OneImport(0), "--checkpoint", path, "--out", Path.Combine(_temp.Path, "resumed.json")]);
        }

        public (int Code, string Err) Merge(byte[] snapshot, bool withOther)
        {
            var path = Path.Combine(_temp.Path, "damaged.snap");
            File.WriteAllBytes(path, snapshot);
            string[] other = withOther ? [Path.Combine(_temp.Path, "other.snap")] : [];
            return Run(["merge", path, .. other, "--out", Path.Combine(_temp.Path, "merged.json")]);
        }

        public (int Code, string Err) ReportFile(byte[] content, string name, bool keepGoing)
        {
            var path = Path.Combine(_temp.Path, name);
            File.WriteAllBytes(path, content);
            string[] more = keepGoing ? ["--keep-going"] : [];
            return Run(["report", "--input", path, .. more, "--out", Path.Combine(_temp.Path, "file.json")]);
        }

        public static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

        /// <summary>A body an error answer could have: HubSpot's (any policy), JSON of another shape, HTML, bytes, nothing.</summary>
        public static byte[] ErrorBody(Random random) => random.Next(5) switch
        {
            0 => Encoding.UTF8.GetBytes($$"""{"status":"error","message":"{{Pick(random, "x", "")}}","correlationId":"c","category":"RATE_LIMITS","policyName":"{{Pick(random, "DAILY", "TEN_SECONDLY_ROLLING", "daily", "")}}"}"""),
            1 => JsonDamage.AnyValue(random),
            2 => Encoding.UTF8.GetBytes("""{"message":5,"policyName":["DAILY"],"correlationId":{}}"""),
            3 => Encoding.UTF8.GetBytes("<html><body>Bad gateway</body></html>"),
            _ => random.Next(2) == 0 ? [] : [0xFF, 0xFE, 0x00, (byte)'{'],
        };

        /// <summary>
        /// Headers an error answer could have. Waits a server asks for are kept short here, except on 429 where a huge
        /// one ends the run at once (it exceeds the rate-limit budget); clamping long waits on other statuses is not
        /// what this property is about.
        /// </summary>
        public static Dictionary<string, string> ErrorHeaders(Random random, int status)
        {
            var headers = new Dictionary<string, string>();
            if (random.Next(2) == 0)
            {
                headers["Retry-After"] = status == 429 ? Pick(random, "0", "1", "abc", "-5", "99999999999", "Wed, 21 Oct 2015 07:28:00 GMT") : Pick(random, "0", "1", "abc", "-5", "Wed, 21 Oct 2015 07:28:00 GMT");
            }

            if (random.Next(2) == 0)
            {
                headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = status == 429 ? Pick(random, "0", "10", "abc", "-5", "99999999999999") : Pick(random, "0", "10", "abc", "-5");
            }

            if (random.Next(3) == 0)
            {
                headers[Pick(random, "Content-Encoding", "Content-Type")] = Pick(random, "gzip", "br", "text/html", "x-unknown");
            }

            return headers;
        }

        public string TempPath => _temp.Path;

        public Uri BaseAddress => Fake.BaseAddress;

        public int RequestCount => Fake.Requests.Count;

        public string ImportId => _imports[0].Id;

        public string[] Connection(int retries) =>
            ["--base-url", Fake.BaseAddress.ToString(), "--limit", "50", "--rate-limit", "100000", "--max-retries", retries.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token-env", _variable];

        public string[] OneImport(int retries) => ["report", "--import-id", _imports[0].Id, .. Connection(retries)];

        private int Requests(FakeHubSpotEndpoint endpoint) => Fake.Requests.Snapshot().Count(entry => entry.Endpoint == endpoint);

        /// <summary>Runs the command line in process, with no fault left from an earlier run unless <paramref name="keepFaults"/>.</summary>
        public (int Code, string Err) Iea(string[] args, bool keepFaults = false, TextWriter? stdout = null)
        {
            if (!keepFaults)
            {
                Fake.ClearFaults();
            }

            var stderr = new StringWriter();
            var code = IeaCommand.RunAsync(args, stdout ?? new StringWriter(), stderr).GetAwaiter().GetResult();
            return (code, stderr.ToString());
        }

        private static (int Code, string Err) Run(string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = IeaCommand.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
            return (code, stderr.ToString());
        }
    }
}
