using System.Text.Json;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>The saved form of one file's lines: counts, clusters, and the failing-line bitmap.</summary>
internal sealed partial class FileLines
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteNumber("errors", Errors);
        writer.WriteNumber("fileWideErrors", FileWideErrors);
        writer.WriteNumber("errorsWithoutLine", ErrorsWithoutLine);
        if (countsOnly)
        {
            return;
        }

        writer.WriteStartArray("clusters");
        foreach (var cluster in Clusters())
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(cluster.First);
            writer.WriteNumberValue(cluster.Last);
            writer.WriteNumberValue(cluster.Errors);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("lines");
        Lines.WriteTo(writer);
    }

    public void ReadFrom(JsonElement json)
    {
        Errors = StateJson.Long(json, "errors");
        FileWideErrors = StateJson.Long(json, "fileWideErrors");
        ErrorsWithoutLine = StateJson.Long(json, "errorsWithoutLine");
        if (FileWideErrors < 0 || ErrorsWithoutLine < 0 || Errors < 1 || FileWideErrors > Errors || ErrorsWithoutLine > Errors - FileWideErrors)
        {
            throw new FormatException("A saved file's counts are negative, or more than its errors.");
        }

        if (countsOnly)
        {
            return;
        }

        var clusters = new List<Interval>();
        foreach (var cluster in StateJson.Get(json, "clusters").EnumerateArray())
        {
            var interval = new Interval(cluster[0].GetInt32(), cluster[1].GetInt32(), cluster[2].GetInt64());
            if (interval.First < 1 || interval.Last < interval.First || interval.Errors < 1)
            {
                throw new FormatException("A saved line cluster is malformed.");
            }

            clusters.Add(interval);
        }

        clusters.Sort(static (a, b) => a.First.CompareTo(b.First));
        Sweep(_main, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clusters));
        Lines.ReadFrom(StateJson.Get(json, "lines"));
    }
}
