using System.Globalization;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>A compiler or IEA analyzer diagnostic on an <c>--aggregator</c> file (line and column 1-based).</summary>
internal sealed record AggregatorDiagnostic(bool IsError, string Id, int Line, int Column, string Message)
{
    /// <summary>The MSBuild form editors understand: <c>path(line,col): warning IEA0003: message</c>.</summary>
    public string Format(string path) => string.Create(
        CultureInfo.InvariantCulture, $"{UntrustedText.OneLine(path)}({Line},{Column}): {(IsError ? "error" : "warning")} {Id}: {UntrustedText.OneLine(Message)}");

    /// <summary>One line of the on-disk cache (tab-separated; the message last, with its line breaks flattened).</summary>
    public string Serialize() => string.Create(
        CultureInfo.InvariantCulture, $"{(IsError ? "error" : "warning")}\t{Id}\t{Line}\t{Column}\t{Message.ReplaceLineEndings(" ")}");

    public static AggregatorDiagnostic? Deserialize(string line)
    {
        var parts = line.Split('\t', 5);
        return parts.Length == 5
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            ? new AggregatorDiagnostic(parts[0] == "error", parts[1], l, c, parts[4])
            : null;
    }
}
