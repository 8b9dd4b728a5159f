using System.Collections.Concurrent;
using System.Text;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Tests.Parsing;

/// <summary>The run's name table: documented names first, at most the limit of others, safe for parse workers on several threads.</summary>
public class NameTableTests
{
    [Fact]
    public void DocumentedNames_HaveTheSeedsIdsAndStrings()
    {
        var table = new NameTable(HubSpotNames.ErrorTypeSeed, 10);

        var id = table.Find("INVALID_EMAIL"u8);

        Assert.True(table.IsKnown(id));
        Assert.Same(HubSpotNames.ErrorTypes.Single(t => t == "INVALID_EMAIL"), table[id]);
        Assert.Equal(0, table.UnknownCount);
    }

    [Fact]
    public void PastTheLimit_NewNamesGetTheBucket_AndKeepGettingIt()
    {
        var table = new NameTable(HubSpotNames.ErrorTypeSeed, 2);

        var a = table.GetOrAdd("NEW_A"u8);
        var b = table.GetOrAdd("NEW_B"u8);
        var c = table.GetOrAdd("NEW_C"u8);

        Assert.True(table.IsUnknownName(a) && table.IsUnknownName(b) && a != b);
        Assert.Equal(table.OtherId, c);
        Assert.Equal(table.OtherId, table.GetOrAdd("NEW_C"u8));
        Assert.Equal(a, table.GetOrAdd("NEW_A"u8));
        Assert.Equal(0, table.Find("NEW_C"u8));
        Assert.Equal(NameTable.OtherName, table[table.OtherId]);
        Assert.Equal(2, table.UnknownCount);
    }

    [Fact]
    public void TheBucketsName_FromTheInput_IsAnOrdinaryUnknownName()
    {
        var table = new NameTable(HubSpotNames.ErrorTypeSeed, 10);

        var id = table.GetOrAdd(Encoding.UTF8.GetBytes(NameTable.OtherName));

        Assert.NotEqual(table.OtherId, id);
        Assert.True(table.IsUnknownName(id));
    }

    [Fact]
    public void ManyNames_CostAmortizedConstantWorkEach()
    {
        var names = Enumerable.Range(0, 200_000).Select(i => Encoding.UTF8.GetBytes($"NAME_{i:D7}")).ToArray();
        var table = NameTable.Unbounded(HubSpotNames.ErrorTypeSeed);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var name in names)
        {
            table.GetOrAdd(name);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A copy of the whole table per name (the old table) allocates ~ n^2/2 entries: hundreds of gigabytes here.
        Assert.True(allocated < 400L * names.Length, $"Adding {names.Length:N0} names allocated {allocated:N0} bytes.");
        Assert.Equal(names.Length, table.UnknownCount);
    }

    [Fact]
    public void FindingKnownNames_AllocatesNothing()
    {
        var table = new NameTable(HubSpotNames.ErrorTypeSeed, 10);
        table.GetOrAdd("NEW_NAME"u8);
        var known = Encoding.UTF8.GetBytes("INVALID_EMAIL");
        var added = Encoding.UTF8.GetBytes("NEW_NAME");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0;
        for (var i = 0; i < 10_000; i++)
        {
            sum += table.GetOrAdd(known) + table.Find(added);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public async Task ConcurrentParseWorkers_AgreeOnEveryId_AndTheLimitHolds()
    {
        const int Shared = 6_000;
        const int Limit = 4_000;
        var table = new NameTable(HubSpotNames.ErrorTypeSeed, Limit);
        var seen = new ConcurrentBag<(string Name, int Id)>();
        var readerFailures = 0;
        var start = new Barrier(4);

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            var order = Enumerable.Range(0, Shared).OrderBy(_ => random.Next()).ToArray();
            start.SignalAndWait();
            foreach (var i in order)
            {
                var name = $"SHARED_{i}";
                var id = table.GetOrAdd(Encoding.UTF8.GetBytes(name));
                seen.Add((name, id));

                // A reader on another thread sees an id only with its complete entry.
                if (id != table.OtherId && (table[id] != name || table.Find(Encoding.UTF8.GetBytes(name)) != id))
                {
                    Interlocked.Increment(ref readerFailures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(0, readerFailures);
        var byName = seen.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Select(s => s.Id).Distinct().ToList());
        Assert.All(byName.Values, ids => Assert.Single(ids));
        var numbered = byName.Where(p => p.Value[0] != table.OtherId).ToList();
        Assert.Equal(Limit, numbered.Count);
        Assert.Equal(Limit, numbered.Select(p => p.Value[0]).Distinct().Count());
        Assert.Equal(Limit, table.UnknownCount);
    }
}
