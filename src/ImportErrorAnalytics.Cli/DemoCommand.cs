using System.CommandLine;
using System.Globalization;
using ImportErrorAnalytics.Cli.CustomAggregators;
using ImportErrorAnalytics.Cli.Hosting;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Testing.FakeHubSpot;

namespace ImportErrorAnalytics.Cli;

/// <summary>
/// <c>iea demo</c>: the whole path on a fresh machine, with no token and no network. A fake HubSpot on a free loopback
/// port serves a synthetic import; the real HTTP pipeline reads it through injected faults and prints the report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var errors = new Option<int>("--errors") { Description = "Errors in the synthetic import.", DefaultValueFactory = _ => 60_000 };
        var pageSize = new Option<int>("--page-size") { Description = "Errors per page.", DefaultValueFactory = _ => 1_000 };
        var noFaults = new Option<bool>("--no-faults") { Description = "Serve every page on the first try." };
        var output = new OutputOptions();
        var aggregators = new AggregatorOption();
        var command = new Command("demo", "Run the real HTTP pipeline against a fake HubSpot on loopback, with injected faults, and print the report.")
        {
            errors, pageSize, noFaults,
        };
        output.AddTo(command);
        aggregators.AddTo(command);
        errors.AtLeast(1);
        pageSize.Check(size => size is < 1 or > 1000 ? "--page-size must be between 1 and 1000." : null);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!JitOnlyFeatures.IsSupported)
            {
                // The native iea leaves the fake HubSpot (Kestrel) to the JIT build shipped beside it.
                return await JitRelaunch.RunAsync("iea demo", stderr).ConfigureAwait(false);
            }

            var settings = output.Read(result);
            if (await OutputPreflight.CheckAsync(settings, stderr).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }

            return await AggregatorOption.RunWithSetAsync(
                aggregators.Read(result),
                stderr,
                async custom =>
                {
                    if (await ReportCommand.CheckSavableAsync(custom, settings.SnapshotPath is not null, checkpoint: false, stderr).ConfigureAwait(false) is { } usage)
                    {
                        return usage;
                    }

                    // A lambda, not the method group: a delegate made from a member of the JIT-only set counts as a use of it in trimming analysis.
                    Func<ImportErrorAnalyzerBuilder, ImportErrorAnalyzerBuilder> addCustom = custom is null ? builder => builder : builder => custom.AddTo(builder);
                    return await RunAsync(result.GetValue(errors), result.GetValue(pageSize), !result.GetValue(noFaults), addCustom, settings, stdout, stderr, cancellationToken).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        int errors, int pageSize, bool faults, Func<ImportErrorAnalyzerBuilder, ImportErrorAnalyzerBuilder> addCustom, OutputSettings output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var synthetic = new SyntheticImport(new SyntheticImportOptions { Seed = 2026, Errors = errors, Files = 3, DistinctValuesPerColumn = 5_000 });
        var import = FakeImport.FromSynthetic("184448894", synthetic);
        import.ImportName = "contacts-2026-11 (demo)";
        import.Counters["TOTAL_ROWS"] = errors * 4L;
        import.Counters["ERRORS"] = errors;
        var token = "demo-" + Guid.NewGuid().ToString("N");
        var options = new FakeHubSpotOptions { AccessToken = token, MaxPageSize = 1000 };
        options.AddImport(import);
        if (faults)
        {
            options.Faults
                .OnRequest(3, Fault.RateLimited(TimeSpan.FromSeconds(1)))
                .OnRequest(6, Fault.ServerError(503))
                .OnRequest(9, Fault.CutOff(0.4))
                .OnRequest(12, Fault.SlowDrip(4096, TimeSpan.FromMilliseconds(5)))
                .OnRequest(15, Fault.MalformedJson());
        }

        var server = await FakeHubSpotServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            return await RunAgainstAsync(server, import, token, errors, pageSize, faults, addCustom, output, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAgainstAsync(
        FakeHubSpotServer server, FakeImport import, string token, int errors, int pageSize, bool faults, Func<ImportErrorAnalyzerBuilder, ImportErrorAnalyzerBuilder> addCustom, OutputSettings output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await stderr.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"iea demo: a fake HubSpot at {server.BaseAddress} serves import {import.Id} with {errors:N0} errors in pages of {pageSize:N0}.")).ConfigureAwait(false);
        if (faults)
        {
            await stderr.WriteLineAsync("iea demo: injected faults on the errors endpoint: request 3 is rate-limited (429, Retry-After 1 s), 6 answers 503, 9 is cut off mid-body, 12 drips slowly, 15 is malformed JSON. Every page is retried from its cursor and counted once.").ConfigureAwait(false);
        }

        var code = await ReportCommand.RunAsync(
            () => addCustom(ImportErrorAnalyzer.CreateBuilder()).AddHubSpotImport(o =>
            {
                o.ImportId = import.Id;
                o.BaseAddress = server.BaseAddress;
                o.AccessToken = HubSpotAccessToken.From(token);
                o.Limit = pageSize;
                o.BaseDelay = TimeSpan.FromMilliseconds(100);
            }),
            output,
            stdout,
            stderr,
            cancellationToken).ConfigureAwait(false);
        var served = server.Requests.Count;
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"iea demo: the fake HubSpot answered {served} requests.")).ConfigureAwait(false);
        return code;
    }
}
