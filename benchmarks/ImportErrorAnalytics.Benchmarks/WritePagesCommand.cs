using System.Globalization;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// <c>write-pages --errors N --page-size N --out DIR</c>: a deterministic synthetic import written as HubSpot's
/// response pages, one file per page (<c>page-00001.json</c>, ...), for timing <c>iea</c> as a whole process
/// (<c>benchmarks/startup.sh</c>). Every record carries its row data and error message, as a saved export of the API
/// with both asked for does.
/// </summary>
internal static class WritePagesCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        long errors = 200_000;
        var pageSize = 500;
        string? output = null;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--errors":
                    errors = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--page-size":
                    pageSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine($"write-pages: unknown option {args[i]}");
                    return 2;
            }
        }

        if (output is null || args.Count % 2 != 0)
        {
            Console.Error.WriteLine("usage: write-pages [--errors N] [--page-size N] --out DIR");
            return 2;
        }

        var import = new SyntheticImport(new SyntheticImportOptions
        {
            Seed = 2026,
            Errors = errors,
            MaxErrorsPerFile = 250_000,
            DistinctValuesPerColumn = 5_000,
            IncludeRowData = true,
            IncludeErrorMessage = true,
        });
        var pages = import.WritePageFiles(output, pageSize);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"write-pages: {errors:N0} errors in {pages:N0} pages of {pageSize} in {output}"));
        return 0;
    }
}
