using System.Globalization;
using System.Text;

namespace ImportErrorAnalytics.Benchmarks;

/// <summary>The kinds of key a record carries, each of which an input can make many.</summary>
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
/// Response pages of 100 errors where one kind of key takes <c>distinct</c> values (record <c>i</c> has key
/// <c>i % distinct</c>) and every other field is the same: every input has the same records and the same bytes, and
/// differs only in how many distinct keys of that kind it holds.
/// </summary>
internal static class DistinctKeyData
{
    public const int Records = 100_000;

    public static byte[] Pages(KeyKind kind, int distinct)
    {
        var text = new StringBuilder(Records * 400);
        for (var i = 0; i < Records; i++)
        {
            text.Append(i % 100 == 0 ? "{\"results\":[" : ",");
            Record(text, kind, i % distinct, i);
            if (i % 100 == 99)
            {
                text.Append(CultureInfo.InvariantCulture, $"],\"paging\":{{\"next\":{{\"after\":\"{i + 1}\"}}}}}}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Record(StringBuilder text, KeyKind kind, int key, int index)
    {
        var k = key.ToString("D7", CultureInfo.InvariantCulture);
        var errorType = kind == KeyKind.ErrorType ? $"NEW_ERROR_TYPE_{k}" : "INVALID_EMAIL_ADDRESS_X";
        var objectType = kind == KeyKind.ObjectType ? $"NEW_OBJECT_TYPE_{k}" : "CONTACT_OBJECT_TYPE_XXX";
        var column = kind is KeyKind.Column or KeyKind.PropertyName ? 1_000_000 + key : 1_000_003;
        var property = kind == KeyKind.PropertyName ? $"property_name_{k}" : "property_name_xxxxxxx";
        var fileId = kind == KeyKind.FileId ? 184_448_000_000L + key : 184_447_999_999L;
        var value = kind == KeyKind.Value ? $"value-{k}@example" : "value-xxxxxxx@example";
        text.Append(CultureInfo.InvariantCulture,
            $"{{\"id\":\"e{index}\",\"createdAt\":1700000000000,\"errorType\":\"{errorType}\",\"objectType\":\"{objectType}\",\"knownColumnNumber\":{column},"
            + $"\"invalidValue\":\"{value}\",\"invalidPropertyValue\":{{\"name\":\"{property}\"}},\"sourceData\":{{\"fileId\":{fileId},\"lineNumber\":{(index % 5000) + 1}}}}}");
    }
}
