using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.Tests.Hostile;

/// <summary>The kinds of key a record carries, each of which an input can make all distinct.</summary>
public enum KeyKind
{
    ErrorType,
    ObjectType,
    Column,
    PropertyName,
    FileId,
    Value,
}

/// <summary>
/// Response pages (100 records each) of at least a given size, where one kind of key is new in every record
/// (<c>distinct</c>) or the same in all of them: the same bytes per record either way, so the two inputs differ only in
/// how many distinct keys they hold. Names and values carry a <c>salt</c>, so inputs made with different salts share no
/// name: what one run interned cannot make another cheaper.
/// </summary>
internal static class DistinctKeyInputs
{
    public static byte[] Pages(KeyKind kind, bool distinct, int minBytes, int salt = 0, int minRecords = 0)
    {
        var text = new StringBuilder(minBytes + 4096);
        var records = 0;
        while (text.Length < minBytes || records < minRecords || records % 100 != 0)
        {
            if (records % 100 == 0)
            {
                text.Append("{\"results\":[");
            }
            else
            {
                text.Append(',');
            }

            Record(text, kind, distinct ? records : 0, records, salt % 1000);
            records++;
            if (records % 100 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"],\"paging\":{{\"next\":{{\"after\":\"{records}\"}}}}}}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>How many records <see cref="Pages"/> wrote into <paramref name="bytes"/>.</summary>
    public static int Records(byte[] bytes) => bytes.AsSpan().Count("\"id\":"u8);

    private static void Record(StringBuilder text, KeyKind kind, int key, int index, int salt)
    {
        var k = salt.ToString("D3", CultureInfo.InvariantCulture) + "_" + key.ToString("D7", CultureInfo.InvariantCulture);
        var errorType = kind == KeyKind.ErrorType ? $"NEW_ERROR_TYPE_{k}" : "INVALID_EMAIL_ADDRESS_XXXXX";
        var objectType = kind == KeyKind.ObjectType ? $"NEW_OBJECT_TYPE_{k}" : "CONTACT_OBJECT_TYPE_XXXXXXX";
        var column = kind is KeyKind.Column or KeyKind.PropertyName ? 1_000_000 + key : 1_000_003;
        var property = kind == KeyKind.PropertyName ? $"property_name_{k}" : "property_name_xxxxxxxxxxx";
        var fileId = kind == KeyKind.FileId ? 184_448_000_000L + key : 184_447_999_999L;
        var value = kind == KeyKind.Value ? $"value-{k}@example" : $"value-{k}@example";
        text.Append(CultureInfo.InvariantCulture,
            $"{{\"id\":\"e{index}\",\"createdAt\":1700000000000,\"errorType\":\"{errorType}\",\"objectType\":\"{objectType}\",\"knownColumnNumber\":{column},"
            + $"\"invalidValue\":\"{value}\",\"invalidPropertyValue\":{{\"name\":\"{property}\"}},\"sourceData\":{{\"fileId\":{fileId},\"lineNumber\":{(index % 5000) + 1}}}}}");
    }
}
