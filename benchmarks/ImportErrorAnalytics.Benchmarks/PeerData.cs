using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// The input of <see cref="PeerBenchmarks"/>: a synthetic import in HubSpot's full 2026-03 shape written as one file
/// per response page (compact JSON, as the API sends it), in a temporary directory of its own.
/// </summary>
public sealed class PeerData : IDisposable
{
    public const int PageSize = 500;

    public const int Seed = 14;

    private PeerData(string directory, string[] files)
    {
        Directory = directory;
        Files = files;
    }

    /// <summary>The directory of page files.</summary>
    public string Directory { get; }

    /// <summary>The page files in name order (iea's order).</summary>
    public string[] Files { get; }

    /// <summary>
    /// Writes <paramref name="errors"/> errors (seed 14, at most 50,000 errors per import file, so failing lines stay
    /// inside their file) as pages of 500.
    /// </summary>
    public static PeerData Create(long errors)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("iea-peer-pages-").FullName;
        new SyntheticImport(new SyntheticImportOptions { Seed = Seed, Errors = errors, MaxErrorsPerFile = 50_000 }).WritePageFiles(directory, PageSize, indented: false);
        return new PeerData(directory, [.. System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal)]);
    }

    /// <summary>Every file's bytes, one page a line: what <see cref="Poco.PocoLinqAnalysis"/> reads.</summary>
    public byte[] ReadConcatenated()
    {
        using var buffer = new MemoryStream();
        foreach (var file in Files)
        {
            using (var stream = File.OpenRead(file))
            {
                stream.CopyTo(buffer);
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
