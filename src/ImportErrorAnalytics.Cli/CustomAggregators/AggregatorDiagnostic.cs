using System.Globalization;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>A compiler or IEA analyzer diagnostic on an <c>--aggregator</c> file (line and column 1-based).</summary>
internal sealed record AggregatorDiagnostic(bool IsError, string Id, int Line, int Column, string Message)
{
    /// <summary>The MSBuild form editors understand: <c>path(line,col): warning IEA0003: message</c>.</summary>
    public string Format(string path) => string.Create(
        CultureInfo.InvariantCulture, $"{UntrustedText.OneLine(path)}({Line},{Column}): {(IsError ? "error" : "warning")} {Id}: {UntrustedText.OneLine(Message)}");
}
