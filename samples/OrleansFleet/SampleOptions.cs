using System.Globalization;

namespace OrleansFleet;

/// <summary>
/// The sample's command line: <c>[--silos N] [--accounts N] [--imports N] [--errors N] [--budget N] [--out FILE]
/// [--processes N [--kill-after SECONDS] [--console-telemetry]]</c>. With <c>--processes</c>, the silos are <c>iea-silo</c> processes on the
/// PostgreSQL database <c>IEA_POSTGRES</c> names (instead of <c>--silos</c> in this process with memory storage);
/// <c>--console-telemetry</c> has them export their metrics and traces to the console (OpenTelemetry's console exporter).
/// </summary>
internal sealed record SampleOptions(int Silos, int Accounts, int ImportsPerAccount, int ErrorsPerImport, int Budget, string? Out, int Processes = 0, int? KillAfterSeconds = null, bool ConsoleTelemetry = false)
{
    public const string Usage = "usage: OrleansFleet [--silos N] [--accounts N] [--imports N] [--errors N] [--budget N] [--out FILE] [--processes N [--kill-after SECONDS] [--console-telemetry]]";

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(Silos: 2, Accounts: 3, ImportsPerAccount: 2, ErrorsPerImport: 800, Budget: 10, Out: null);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--console-telemetry")
            {
                options = options with { ConsoleTelemetry = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--silos" => options with { Silos = Positive(value) },
                "--accounts" => options with { Accounts = Positive(value) },
                "--imports" => options with { ImportsPerAccount = Positive(value) },
                "--errors" => options with { ErrorsPerImport = Positive(value) },
                "--budget" => options with { Budget = Positive(value) },
                "--out" => options with { Out = value },
                "--processes" => options with { Processes = Positive(value) },
                "--kill-after" => options with { KillAfterSeconds = Positive(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        if (options.ConsoleTelemetry && options.Processes == 0)
        {
            throw new ArgumentException("--console-telemetry needs --processes (the iea-silo processes export; the in-process silos do not).");
        }

        return options.KillAfterSeconds is not null && options.Processes < 2
            ? throw new ArgumentException("--kill-after needs --processes 2 or more (an import resumes on another silo).")
            : options;
    }

    private static int Positive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive whole number.");
}
