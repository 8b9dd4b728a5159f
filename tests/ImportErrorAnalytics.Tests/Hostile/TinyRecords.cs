using System.Text;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>Inputs of many tiny records: the most records per byte a page can hold.</summary>
internal static class TinyRecords
{
    /// <summary><c>{"results":[{},{},...]}</c> with <paramref name="records"/> empty records (3 bytes each).</summary>
    public static byte[] OnePage(int records, string? after = null)
    {
        var tail = after is null ? "]}" : $"],\"paging\":{{\"next\":{{\"after\":\"{after}\"}}}}}}";
        var bytes = new byte[12 + (records * 3) - (records > 0 ? 1 : 0) + Encoding.UTF8.GetByteCount(tail)];
        var at = Encoding.UTF8.GetBytes("{\"results\":[", bytes);
        for (var i = 0; i < records; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)',';
            }

            bytes[at++] = (byte)'{';
            bytes[at++] = (byte)'}';
        }

        Encoding.UTF8.GetBytes(tail, bytes.AsSpan(at));
        return bytes;
    }
}
