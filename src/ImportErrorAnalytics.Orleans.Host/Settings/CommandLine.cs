namespace ImportErrorAnalytics.Orleans.Host.Settings;

/// <summary>
/// Reads the command line: <c>--name value</c>, <c>--name=value</c>, and flags (<c>--name</c>, or <c>--name=false</c>).
/// Only the host's own options are accepted; the result is keyed like the environment variables (without the prefix).
/// </summary>
internal static class CommandLine
{
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args, List<string> errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                errors.Add($"Unexpected argument '{arg}': options start with --.");
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var option = SiloOptions.All.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                errors.Add(name.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                    ? $"The PostgreSQL connection string is read from {SiloOptions.ConnectionStringVariable} only (a command line is visible to every user of the machine)."
                    : $"Unknown option '--{name}' (see --help).");
                if (equals < 0 && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    // Its value, never echoed: it may be a secret given in the wrong place.
                    i++;
                }

                continue;
            }

            if (equals >= 0)
            {
                values[option.Key] = arg[(equals + 1)..];
            }
            else if (option.IsFlag)
            {
                values[option.Key] = "true";
            }
            else if (i + 1 < args.Count)
            {
                values[option.Key] = args[++i];
            }
            else
            {
                errors.Add($"--{option.Name} needs a value ({option.Value}).");
            }
        }

        return values;
    }
}
