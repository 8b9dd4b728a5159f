using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Parsing;
using ImportErrorAnalytics.Parsing.Parallel;
using ImportErrorAnalytics.Reporting;
using ImportErrorAnalytics.Testing;
using ImportErrorAnalytics.Tests.Support;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>
/// The parallel reader of one stream must be indistinguishable from the sequential one: same pages, same records, same
/// first error at the same offset, same skips. The sequential reader is the oracle.
/// </summary>
public class ParallelPageReaderProperties
{
    /// <summary>Strings of the characters the splitter must get right: quotes, backslashes, braces.</summary>
    private static readonly Arbitrary<string[]> TrickyStrings = Arb.From(
        Gen.Elements('"', '\\', '{', '}', '[', ']', 'a', ' ', '\u00e9', '\n').ArrayOf().Select(chars => new string(chars)).ArrayOf());

    [Property(MaxTest = 150)]
    public Property Splitter_FindsTheEndsTheJsonReaderFinds_InAnySplit() =>
        Prop.ForAll(TrickyStrings, Gen.Choose(0, 200).ToArbitrary(), (strings, seed) =>
        {
            var bytes = TrickyPages(strings ?? [], seed);
            var expected = ReaderEnds(bytes);

            Assert.Equal(expected, SplitterEnds(bytes, [int.MaxValue]));
            Assert.Equal(expected, SplitterEnds(bytes, [1]));
            Assert.Equal(expected, SplitterEnds(bytes, ParserProperties.RandomChunks(seed)));
        });

    [Property(MaxTest = 100)]
    public Property ParallelReader_GivesTheSequentialReadersPages() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var bytes = RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed);
            var chunks = ParserProperties.RandomChunks(seed);

            var limits = ParserProperties.InParts(seed);
            var sequential = Read(bytes, chunks, workers: 0, limits);
            var parallel = Read(bytes, chunks, workers: 1 + (seed % 4), limits);

            Assert.Null(sequential.Error);
            Assert.Equal(sequential, parallel);
        });

    [Property(MaxTest = 300)]
    public Property ParallelReader_OnMutatedInput_FailsLikeTheSequentialReader() =>
        Prop.ForAll(ErrorGenerators.ErrorsAndSeed, input =>
        {
            var (errors, seed) = input;
            var random = new Random(seed);
            var bytes = ParserProperties.Mutate(RandomJson.Pages(ParserProperties.SplitIntoPages(errors, seed), seed), random);
            var chunks = ParserProperties.RandomChunks(seed);
            var limits = new ParserLimits { MaxValueBytes = 64 + random.Next(4096), MaxRecordsPerPart = 1 + random.Next(6), MaxPageBytes = 64 + random.Next(bytes.Length + 64) };
            var keepGoing = random.Next(2) == 0;

            var sequential = Read(bytes, chunks, workers: 0, limits, keepGoing);
            var parallel = Read(bytes, chunks, workers: 1 + (seed % 3), limits, keepGoing);

            Assert.Equal(sequential, parallel);
        });

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("[1, 2]")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{\"results\": []} garbage")]
    [InlineData("{\"results\": []} {\"results\": [")]
    [InlineData("{\"results\": [{\"errorType\": \"INVALID_EMAIL\"}]} {\"results\": [{\"errorType\": 3}]}")]
    [InlineData("{\"results\": [{\"errorType\": \"a}\\\"}\"}]}\n{\"results\": []}\n")]
    public void ParallelReader_OnOddInputs_BehavesLikeTheSequentialReader(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var keepGoing in new[] { false, true })
        {
            Assert.Equal(Read(bytes, [], workers: 0, keepGoing: keepGoing), Read(bytes, [], workers: 2, keepGoing: keepGoing));
            Assert.Equal(Read(bytes, [1], workers: 0, keepGoing: keepGoing), Read(bytes, [1], workers: 3, keepGoing: keepGoing));
        }
    }

    [Fact]
    public void ParallelReader_HandsAPageLargerThanItsBufferToTheSequentialReader()
    {
        // 64-byte values, but pages far larger than MaxBuffered (64 + 64 KiB): the rest goes through the sequential reader.
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 3, Errors = 2_000 }).ToPageBytes(700);
        var limits = new ParserLimits { MaxValueBytes = 4096 };

        var sequential = Read(bytes, [], workers: 0, limits);
        var parallel = Read(bytes, [], workers: 2, limits);

        Assert.True(bytes.Length / 3 > limits.MaxValueBytes + (64 * 1024), "the test needs pages larger than the splitter's buffer");
        Assert.Null(sequential.Error);
        Assert.Equal(sequential, parallel);
        Assert.Equal(3, parallel.Pages.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParallelReader_OnAnInputOfManyBatches_GivesTheSequentialReadersPages(bool corruptNearTheEnd)
    {
        // About 2.6 MB in 500 pages: the splitter hands them out in many runs of whole pages.
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 9, Errors = 5_000 }).ToPageBytes(10);
        if (corruptNearTheEnd)
        {
            var colon = bytes.AsSpan(0, bytes.Length - 3_000).LastIndexOf("\"lineNumber\":"u8) + 12;
            bytes[colon] = (byte)'@';
        }

        var sequential = Read(bytes, [], workers: 0);
        var parallel = Read(bytes, [7_919, 65_536, 1], workers: 3);

        Assert.Equal(sequential, parallel);
        Assert.InRange(parallel.Pages.Count, 490, 500);
        Assert.Equal(corruptNearTheEnd, parallel.Error is not null);
    }

    [Fact]
    public async Task ParallelReader_StopsWhenCancelled()
    {
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 5, Errors = 5_000 }).ToPageBytes(10);
        using var cancel = new CancellationTokenSource();
        var context = new ReadContext("test.json", 0, new ParserLimits(), new PagePool(), onSkip: null);
        var pipe = PipeReader.Create(new MemoryStream(bytes));
        var read = 0;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var page in ParallelPageReader.ReadAsync(pipe, context, 2, cancel.Token).WithCancellation(cancel.Token))
            {
                if (++read == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(3, read);
    }

    [Fact]
    public async Task ParallelReader_LeftEarly_StopsItsWorkers()
    {
        var bytes = new SyntheticImport(new SyntheticImportOptions { Seed = 6, Errors = 5_000 }).ToPageBytes(10);
        var context = new ReadContext("test.json", 0, new ParserLimits(), new PagePool(), onSkip: null);

        var first = await Task.Run(async () =>
        {
            await foreach (var page in ParallelPageReader.ReadAsync(PipeReader.Create(new MemoryStream(bytes)), context, 2, CancellationToken.None))
            {
                return page.Count;
            }

            return 0;
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(10, first);
    }

    /// <summary>What a reader gave: each page's records and cursor, what it skipped, and the error that ended it.</summary>
    internal sealed record Outcome(IReadOnlyList<string> Pages, IReadOnlyList<string> Skipped, string? Error)
    {
        public bool Equals(Outcome? other) =>
            other is not null && Pages.SequenceEqual(other.Pages) && Skipped.SequenceEqual(other.Skipped) && Error == other.Error;

        public override int GetHashCode() => Pages.Count;

        public override string ToString() => $"{Pages.Count} pages, skipped [{string.Join(" | ", Skipped)}], error {Error}";
    }

    /// <summary>Reads with the sequential reader (<paramref name="workers"/> = 0) or the parallel one.</summary>
    /// <param name="recordFastPath">False reads every record token by token (the oracle of the record fast path).</param>
    /// <param name="format">NDJSON is read by its own sequential reader (<paramref name="workers"/> must be 0).</param>
    /// <param name="showStandardSensitivity">Values of <c>standard</c> sensitivity are shown.</param>
    /// <param name="bufferSize">The pipe's segment size: the input's length (or more) gives the sequential reader all of it in one span.</param>
    internal static Outcome Read(
        byte[] bytes, IReadOnlyList<int> chunks, int workers, ParserLimits? limits = null, bool keepGoing = false,
        bool recordFastPath = true, InputFormat format = InputFormat.Pages, bool showStandardSensitivity = false, int bufferSize = 4096, bool? captureRows = null)
    {
        // Unless told, half the inputs are read capturing rows: every comparison of paths covers both modes.
        var capture = captureRows ?? (bytes.Length & 1) == 0;
        var pipe = PipeReader.Create(new TrickleStream(bytes, chunks), new StreamPipeReaderOptions(bufferSize: bufferSize, minimumReadSize: 1));
        return Read(
            (context, token) => format == InputFormat.Ndjson ? NdjsonStreamReader.ReadAsync(pipe, context, token)
                : workers == 0 ? PageStreamReader.ReadAsync(pipe, context, token)
                : ParallelPageReader.ReadAsync(pipe, context, workers, token),
            limits, keepGoing, recordFastPath, showStandardSensitivity, captureRows: capture);
    }

    /// <summary>What <paramref name="read"/> gives, through a context of input <c>test.json</c> with these settings.</summary>
    /// <param name="parseWorkers">The context's <see cref="ReadContext.ParseWorkers"/>.</param>
    internal static Outcome Read(
        Func<ReadContext, CancellationToken, IAsyncEnumerable<ImportErrorPage>> read, ParserLimits? limits = null, bool keepGoing = false,
        bool recordFastPath = true, bool showStandardSensitivity = false, int parseWorkers = 1, bool captureRows = false)
    {
        var skipped = new List<string>();
        var context = new ReadContext("test.json", 0, limits ?? new ParserLimits(), new PagePool(), keepGoing ? s => skipped.Add(Describe(s)) : null)
        {
            RecordFastPath = recordFastPath,
            ShowStandardSensitivity = showStandardSensitivity,
            ParseWorkers = parseWorkers,
            CaptureRows = captureRows,
        };
        var pages = new List<string>();
        string? error = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            Collect(read(context, timeout.Token), pages).GetAwaiter().GetResult();
        }
        catch (ImportErrorFormatException ex)
        {
            error = ex.Message;
        }

        return new Outcome(pages, skipped, error);
    }

    private static async Task Collect(IAsyncEnumerable<ImportErrorPage> reader, List<string> pages)
    {
        await foreach (var page in reader)
        {
            pages.Add(Describe(page));
        }
    }

    private static string Describe(ImportErrorPage page)
    {
        var text = new StringBuilder($"#{page.PageNumber} from {page.FirstRecordIndex}{(page.IsLastPart ? "" : " (more)")} {page.ByteLength} B after={page.NextAfter}:");
        for (var i = 0; i < page.Count; i++)
        {
            // The raw facts the sensitivity is decided from, too: both parser paths must store the same ones.
            var slot = page[i].Slot;
            text.Append(ParsedError.From(page[i]))
                .Append($" object={slot.HasPropertyValue} level={slot.Sensitivity} masked={slot.MaskedSubstrings} encrypted={slot.IsEncrypted}/{slot.ContainsEncryptedProperties}")
                .Append(Captured(page[i])).Append(';');
        }

        return text.ToString();
    }

    /// <summary>The captured row and message of a record, as the failed rows read them (redacted cells marked).</summary>
    internal static string Captured(in ImportErrorRecord record)
    {
        if (!record.HasRowData && !record.HasErrorMessage)
        {
            return " row=none";
        }

        var text = new StringBuilder(" row=");
        if (record.HasRowData)
        {
            text.Append(record.RowCellCount).Append('[');
            var cells = record.RowData;
            while (cells.Next(out var cell, out var redacted))
            {
                text.Append(redacted ? "<R>" : JsonSerializer.Serialize(Encoding.UTF8.GetString(cell))).Append(',');
            }

            text.Append(']');
        }

        return text.Append(" message=").Append(record.HasErrorMessage ? JsonSerializer.Serialize(Encoding.UTF8.GetString(record.ErrorMessage)) : "none").ToString();
    }

    private static string Describe(SkippedInput skipped) => JsonSerializer.Serialize(skipped);

    /// <summary>Pages whose strings hold quotes, backslashes and braces at every alignment to the splitter's 64-byte blocks.</summary>
    private static byte[] TrickyPages(string[] strings, int seed)
    {
        var random = new Random(seed);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        foreach (var chunk in strings.Append("\\\"{}").Chunk(1 + random.Next(4)))
        {
            stream.Write(Encoding.UTF8.GetBytes(new string(' ', random.Next(70))));
            using (var writer = new Utf8JsonWriter(stream, options))
            {
                writer.WriteStartObject();
                writer.WriteString("pad", new string('x', random.Next(64)));
                writer.WriteStartArray("results");
                foreach (var s in chunk)
                {
                    writer.WriteStartObject();
                    writer.WriteString(s + "{", s + "\\}" + new string('\\', random.Next(4)));
                    writer.WriteStartObject("nested");
                    writer.WriteString("v", "}" + s);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }

        return stream.ToArray();
    }

    private static List<int> ReaderEnds(byte[] bytes)
    {
        var ends = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
            {
                ends.Add((int)reader.BytesConsumed);
            }
        }

        return ends;
    }

    /// <summary>Runs the splitter over the bytes as they would arrive in pieces, as the parallel reader does.</summary>
    private static List<int> SplitterEnds(byte[] bytes, int[] chunks)
    {
        var ends = new List<int>();
        var splitter = default(PageSplitter);
        var available = 0;
        var position = 0;
        var chunk = 0;
        while (available < bytes.Length)
        {
            available = (int)Math.Min(bytes.Length, (long)available + chunks[chunk++ % chunks.Length]);
            var data = bytes.AsSpan(0, available);
            while (true)
            {
                if (!splitter.InPage)
                {
                    while (position < available && bytes[position] != '{')
                    {
                        position++;
                    }

                    if (position == available)
                    {
                        break;
                    }

                    splitter.StartPage();
                    position++;
                }

                if (!splitter.TryFindEnd(data, ref position))
                {
                    break;
                }

                ends.Add(position);
            }
        }

        return ends;
    }
}
