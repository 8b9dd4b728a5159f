using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>
/// The parser's three ways through a record, one thread, whole pages in memory, against the bare token scan: the record
/// scan (the default: fields read from the bytes, unread subtrees skipped without tokenizing), the reader's fast path
/// (every token read, records in a straight line) and the token state machine alone. On HubSpot's full record shape,
/// without and with row data and error messages (larger subtrees no aggregator reads).
/// </summary>
public class RecordScanBenchmarks
{
    private byte[] _pages = [];

    /// <summary><c>Full</c>: the generator's default; <c>FullWithRowData</c>: plus each row's cells and the error message.</summary>
    [Params("Full", "FullWithRowData")]
    public string Records { get; set; } = "Full";

    [GlobalSetup]
    public void Setup()
    {
        var options = BenchmarkData.Realistic(50_000);
        options.IncludeRowData = options.IncludeErrorMessage = Records == "FullWithRowData";
        _pages = new SyntheticImport(options).ToPageBytes(BenchmarkData.PageSize);
        if (Parse(scan: true, fastPath: true) != Parse(scan: false, fastPath: false))
        {
            throw new InvalidOperationException("The scan and the state machine read different values.");
        }
    }

    /// <summary>Reads every token of every page and does nothing else.</summary>
    [Benchmark(Baseline = true)]
    public long BareTokenScan()
    {
        var reader = new Utf8JsonReader(_pages, new JsonReaderOptions { AllowMultipleValues = true });
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>The parser as it runs by default: the record scan first.</summary>
    [Benchmark]
    public long RecordScan() => Parse(scan: true, fastPath: true);

    /// <summary>Without the scan: the reader's record fast path, every token read.</summary>
    [Benchmark]
    public long TokenFastPath() => Parse(scan: false, fastPath: true);

    /// <summary>The token state machine alone (the oracle of the faster paths).</summary>
    [Benchmark]
    public long StateMachine() => Parse(scan: false, fastPath: false);

    /// <summary>The default paths keeping each record's row and message (what the failed rows ask for).</summary>
    [Benchmark]
    public long RecordScanCapturingRows() => Parse(scan: true, fastPath: true, captureRows: true);

    private long Parse(bool scan, bool fastPath, bool captureRows = false)
    {
        var parser = new JsonErrorParser("bench", new ParserLimits().MaxValueBytes, recordMode: false, fastPath, recordScan: scan, captureRows: captureRows);
        var page = new PagePool(0).Rent();
        long sum = 0;
        var start = 0;
        while (start < _pages.Length)
        {
            var length = _pages.AsSpan(start).IndexOf((byte)'\n');
            length = length < 0 ? _pages.Length - start : length + 1;
            page.Reset("bench", 0, 0, isResponsePage: true);
            parser.Reset();
            parser.Begin(page, 1);
            if (!parser.Parse(new ReadOnlySequence<byte>(_pages, start, length), isFinalBlock: false, out _))
            {
                throw new InvalidOperationException("A page did not complete.");
            }

            for (var i = 0; i < page.Count; i++)
            {
                var record = page[i];
                sum += (record.InvalidValue.Length * 31) + (record.PropertyName.Length * 7) + record.Id.Length + (record.LineNumber ?? -1)
                    + (record.FileId ?? 0) + (record.ErrorType?.Length ?? 0) + (record.IsSensitive ? 1000 : 0);
            }

            start += length;
        }

        return sum;
    }
}
