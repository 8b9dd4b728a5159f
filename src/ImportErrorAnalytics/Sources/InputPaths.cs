using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Sources;

/// <summary>Turns the paths a user names into sources: files, directories of pages, or <c>-</c> for standard input.</summary>
internal static class InputPaths
{
    private static readonly string[] Patterns = ["*.json", "*.ndjson", "*.jsonl"];

    public static InputFormat FormatOf(string path) =>
        path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? InputFormat.Ndjson
            : InputFormat.Pages;

    /// <exception cref="FileNotFoundException">The path names neither a file nor a directory.</exception>
    public static IEnumerable<ErrorSource> Expand(string path, InputFormat? format, Func<Stream> stdin)
    {
        if (path == "-")
        {
            return [new StreamErrorSource("stdin", _ => ValueTask.FromResult(stdin()), format ?? InputFormat.Pages)];
        }

        if (Directory.Exists(path))
        {
            var files = Patterns
                .SelectMany(pattern => Directory.EnumerateFiles(path, pattern, SearchOption.TopDirectoryOnly))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.ConvertAll(file => (ErrorSource)new FileErrorSource(file, format ?? FormatOf(file)));
        }

        if (File.Exists(path))
        {
            return [new FileErrorSource(path, format ?? FormatOf(path))];
        }

        throw new FileNotFoundException($"Input not found: {UntrustedText.Quote(path)} is neither a file nor a directory.", path);
    }
}
