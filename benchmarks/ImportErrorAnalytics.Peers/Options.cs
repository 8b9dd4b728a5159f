using System.Globalization;

namespace ImportErrorAnalytics.Peers;

/// <summary><c>--name value</c> pairs and <c>--flag</c>s of one command.</summary>
internal sealed class Options
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--show-standard-sensitivity" };

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (Flags.Contains(args[i]))
            {
                options._values[args[i]] = null;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options._values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'.");
            }
        }

        return options;
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public string Required(string name) => Text(name, null) ?? throw new ArgumentException($"{name} is required.");

    public string? Text(string name, string? fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

    public int Int(string name, int fallback) => (int)Long(name, fallback);

    public long Long(string name, long fallback) =>
        Text(name, null) is not { } text ? fallback
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= int.MaxValue * 1024L ? value
        : throw new ArgumentException($"{name} needs a whole number, not '{text}'.");
}
