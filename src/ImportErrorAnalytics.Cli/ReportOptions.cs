using System.CommandLine;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Cli;

/// <summary>The options of <c>iea report</c>, with their validation.</summary>
internal sealed class ReportOptions
{
    private readonly Option<string[]> _input = new("--input", "-i")
    {
        Description = "Files of saved response pages, directories of *.json/*.ndjson/*.jsonl files, *.ndjson/*.jsonl files, or - for standard input.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<InputFormatChoice> _inputFormat = new("--input-format")
    {
        Description = "How inputs are laid out: auto (by file extension; pages for stdin), pages or ndjson.",
        DefaultValueFactory = _ => InputFormatChoice.Auto,
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "Report format.",
        DefaultValueFactory = _ => "json",
    };

    private readonly Option<string?> _out = new("--out", "-o") { Description = "Write the report to this file (standard output when absent)." };

    private readonly Option<int> _top = new("--top") { Description = "Invalid values listed per column.", DefaultValueFactory = _ => 10 };

    private readonly Option<int> _clusterGap = new("--cluster-gap") { Description = "Error-free lines allowed inside one cluster of failing rows.", DefaultValueFactory = _ => 10 };

    private readonly Option<int?> _maxClusters = new("--max-clusters") { Description = "Clusters listed per file, largest first (counts stay complete)." };

    private readonly Option<int> _distinctCapacity = new("--distinct-capacity")
    {
        Description = "Distinct values per column counted exactly; past that an approximate heavy-hitters summary of this size.",
        DefaultValueFactory = _ => 10_000,
    };

    private readonly Option<bool> _keepGoing = new("--keep-going") { Description = "Skip malformed pages, list them in the report, and report the rest." };

    private readonly Option<int> _maxValueBytes = new("--max-value-bytes")
    {
        Description = "Largest single JSON value accepted, in bytes.",
        DefaultValueFactory = _ => 16 * 1024 * 1024,
    };

    private readonly Option<int> _parallelism = new("--parallelism")
    {
        Description = "Inputs parsed at once (default: one per core).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public ReportOptions()
    {
        _format.AcceptOnlyFromAmong("json");
        _input.Validators.Add(result =>
        {
            // --input takes several paths, so a mistyped option after it would otherwise be read as a path.
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.Length > 1 && value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{value}'.");
                }
            }
        });
        AtLeast(_top, 0);
        AtLeast(_clusterGap, 0);
        AtLeast(_distinctCapacity, 1);
        AtLeast(_maxValueBytes, 64);
        AtLeast(_parallelism, 1);
        _maxClusters.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--max-clusters must be 0 or more.");
            }
        });
    }

    public void AddTo(Command command)
    {
        Option[] all = [_input, _inputFormat, _format, _out, _top, _clusterGap, _maxClusters, _distinctCapacity, _keepGoing, _maxValueBytes, _parallelism];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    public ReportSettingsInput Read(ParseResult result) => new(
        result.GetValue(_input) ?? [],
        result.GetValue(_inputFormat),
        result.GetValue(_out),
        result.GetValue(_top),
        result.GetValue(_clusterGap),
        result.GetValue(_maxClusters),
        result.GetValue(_distinctCapacity),
        result.GetValue(_keepGoing),
        result.GetValue(_maxValueBytes),
        result.GetValue(_parallelism));

    private static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{option.Name} must be {minimum} or more.");
        }
    });
}

/// <summary>The values of the <c>--input-format</c> option.</summary>
internal enum InputFormatChoice
{
    Auto,
    Pages,
    Ndjson,
}

/// <summary>The parsed options of <c>iea report</c>.</summary>
internal sealed record ReportSettingsInput(
    string[] Inputs,
    InputFormatChoice InputFormat,
    string? OutputPath,
    int Top,
    int ClusterGap,
    int? MaxClusters,
    int DistinctCapacity,
    bool KeepGoing,
    int MaxValueBytes,
    int Parallelism)
{
    public ImportErrorAnalyzerBuilder CreateBuilder(Func<Stream>? stdin)
    {
        var builder = ImportErrorAnalyzer.CreateBuilder().Configure(options =>
        {
            options.Top = Top;
            options.ClusterGap = ClusterGap;
            options.MaxClusters = MaxClusters;
            options.DistinctCapacity = DistinctCapacity;
            options.KeepGoing = KeepGoing;
            options.Limits.MaxValueBytes = MaxValueBytes;
            options.MaxDegreeOfParallelism = Parallelism;
        });
        if (stdin is not null)
        {
            builder.WithStandardInput(stdin);
        }

        Parsing.InputFormat? format = InputFormat switch
        {
            InputFormatChoice.Pages => Parsing.InputFormat.Pages,
            InputFormatChoice.Ndjson => Parsing.InputFormat.Ndjson,
            _ => null,
        };
        foreach (var path in Inputs)
        {
            builder.AddPath(path, format);
        }

        return builder;
    }
}
