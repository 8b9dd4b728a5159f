using System.Globalization;

namespace ImportErrorAnalytics.Soak;

/// <summary>
/// The soak's command line: <c>--errors N --warmup N --page-size N --seed N --distinct-values N --max-errors-per-file N
/// --parallelism N</c>. The warm-up is a separate, unmeasured run over another seed's errors, so the first measured tenth
/// does not time the JIT compiling the hot paths.
/// </summary>
internal sealed record SoakArguments(long Errors, long Warmup, int PageSize, int Seed, int DistinctValues, long MaxErrorsPerFile, int? Parallelism)
{
    public static SoakArguments Default { get; } = new(10_000_000, 500_000, 100, 42, 50_000, 50_000, null);

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static SoakArguments Parse(IReadOnlyList<string> args)
    {
        var result = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = Number(name, args[++i]);
            result = name switch
            {
                "--errors" => result with { Errors = value },
                "--warmup" => result with { Warmup = value },
                "--page-size" => result with { PageSize = checked((int)value) },
                "--seed" => result with { Seed = checked((int)value) },
                "--distinct-values" => result with { DistinctValues = checked((int)value) },
                "--max-errors-per-file" => result with { MaxErrorsPerFile = value },
                "--parallelism" => result with { Parallelism = checked((int)value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return result;
    }

    private static long Number(string name, string text) =>
        long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number, not '{text}'.");
}
