using System.Text.Json;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Plain (canonical) JSON for errors, through the Testing library's writer.</summary>
internal static class JsonText
{
    public static byte[] Page(IEnumerable<SyntheticError> errors, string? after)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ErrorJsonWriter.WritePage(writer, errors, after);
        }

        return stream.ToArray();
    }

    public static byte[] Ndjson(IEnumerable<SyntheticError> errors)
    {
        using var stream = new MemoryStream();
        foreach (var error in errors)
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                ErrorJsonWriter.WriteError(writer, error);
            }

            stream.WriteByte((byte)'\n');
        }

        return stream.ToArray();
    }
}
