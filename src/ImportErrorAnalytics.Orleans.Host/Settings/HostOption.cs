namespace ImportErrorAnalytics.Orleans.Host.Settings;

/// <summary>One setting of the host: its command-line name, its environment variable, and what <c>--help</c> says.</summary>
/// <param name="Name">The command-line name without dashes, e.g. <c>silo-port</c>.</param>
/// <param name="Value">What the value looks like in the help (e.g. <c>PORT</c>); <see langword="null"/> for a flag.</param>
/// <param name="Help">What it does, with its default.</param>
internal sealed record HostOption(string Name, string? Value, string Help)
{
    /// <summary>The configuration key, which is also the environment variable without <see cref="SiloOptions.EnvironmentPrefix"/>.</summary>
    public string Key => Name.Replace('-', '_').ToUpperInvariant();

    /// <summary>The environment variable that sets it.</summary>
    public string Variable => SiloOptions.EnvironmentPrefix + Key;

    /// <summary>Whether it is a flag (no value; <c>true</c> when given).</summary>
    public bool IsFlag => Value is null;

    /// <summary>How messages name it: both spellings.</summary>
    public string Display => $"--{Name} ({Variable})";
}
