using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Parsing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Runs the real pipeline over errors split into several in-memory inputs.</summary>
internal static class AnalyzerRuns
{
    /// <summary>Splits <paramref name="errors"/> (in order) into inputs of random page and NDJSON shapes.</summary>
    public static List<(string Name, byte[] Bytes, InputFormat Format)> Inputs(SyntheticError[] errors, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<(string, byte[], InputFormat)>();
        var index = 0;
        do
        {
            var take = random.Next(0, 12);
            var part = errors.Skip(index).Take(take).ToArray();
            index += part.Length;
            var name = $"input-{inputs.Count}";
            if (random.Next(3) == 0)
            {
                inputs.Add((name, JsonText.Ndjson(part), InputFormat.Ndjson));
            }
            else
            {
                inputs.Add((name, RandomJson.Pages(ParserProperties.SplitIntoPages(part, random.Next()), random.Next()), InputFormat.Pages));
            }
        }
        while (index < errors.Length);

        return inputs;
    }

    public static ImportErrorAnalyzerBuilder Builder(IEnumerable<(string Name, byte[] Bytes, InputFormat Format)> inputs, Action<AnalyzerOptions>? configure = null)
    {
        var builder = ImportErrorAnalyzer.CreateBuilder();
        foreach (var (name, bytes, format) in inputs)
        {
            builder.AddStream(name, _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes)), format);
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder;
    }

    public static ImportErrorReport Run(IEnumerable<(string Name, byte[] Bytes, InputFormat Format)> inputs, Action<AnalyzerOptions>? configure = null) =>
        Builder(inputs, configure).Build().RunAsync().GetAwaiter().GetResult();
}
