using System.Globalization;

namespace OrleansFleet;

/// <summary>The sample's command line: <c>[--silos N] [--accounts N] [--imports N] [--errors N] [--budget N] [--out FILE]</c>.</summary>
internal sealed record SampleOptions(int Silos, int Accounts, int ImportsPerAccount, int ErrorsPerImport, int Budget, string? Out)
{
    public const string Usage = "usage: OrleansFleet [--silos N] [--accounts N] [--imports N] [--errors N] [--budget N] [--out FILE]";

    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(Silos: 2, Accounts: 3, ImportsPerAccount: 2, ErrorsPerImport: 800, Budget: 10, Out: null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--silos" => options with { Silos = Positive(value) },
                "--accounts" => options with { Accounts = Positive(value) },
                "--imports" => options with { ImportsPerAccount = Positive(value) },
                "--errors" => options with { ErrorsPerImport = Positive(value) },
                "--budget" => options with { Budget = Positive(value) },
                "--out" => options with { Out = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        return options;
    }

    private static int Positive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"'{value}' is not a positive whole number.");
}
