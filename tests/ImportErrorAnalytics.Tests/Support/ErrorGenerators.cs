using FsCheck;
using FsCheck.Fluent;
using ImportErrorAnalytics.Model;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>FsCheck generators of import errors: realistic fields, hostile strings, every optional field sometimes absent.</summary>
internal static class ErrorGenerators
{
    private static readonly string[] Vocabulary = ["bob@", "n/a", "", "12/31/2025x", "Ünïcødé", "😀 emoji", "\"quoted\"", "back\\slash", "tab\tnew\nline", "<script>"];

    private static readonly char[] HostileChars =
    [
        'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\0', '\u001f', '\u007f', 'é', 'ß', '€', '\u202e', '\u200b', '|', '`', '<', '>', '{', '}', '[', ']', ':', ',',
    ];

    private static readonly long[] FileIds = [184_448_894_240L, 1L, 9_007_199_254_740_993L, long.MaxValue];

    public static Gen<string> HostileString(int maxLength) =>
        Gen.OneOf(
            Gen.Elements(HostileChars).Select(c => c.ToString()),
            Gen.Constant("😀"),
            Gen.Constant("𝄞"))
        .ArrayOf()
        .Select(parts => string.Concat(parts))
        .Select(s => s.Length > maxLength ? s[..maxLength] : s)
        .Select(s => s.Length > 0 && char.IsHighSurrogate(s[^1]) ? s[..^1] : s);

    public static Gen<string?> Value =>
        Gen.Frequency(
            (5, Gen.Elements(Vocabulary).Select(v => (string?)v)),
            (3, HostileString(60).Select(v => (string?)v)),
            (1, Gen.Choose(1000, 5000).Select(n => (string?)new string('x', n))),
            (2, Gen.Constant<string?>(null)));

    public static Gen<string?> ErrorType =>
        Gen.Frequency(
            (8, Gen.Elements(HubSpotNames.ErrorTypes.ToArray()).Select(v => (string?)v)),
            (1, Gen.Choose(0, 3).Select(n => (string?)$"FUTURE_ERROR_{n}")),
            (1, Gen.Constant<string?>(null)));

    public static Gen<string?> ObjectType =>
        Gen.Frequency(
            (6, Gen.Elements("CONTACT", "COMPANY", "DEAL", "TICKET").Select(v => (string?)v)),
            (1, Gen.Constant<string?>("NEW_OBJECT")),
            (1, Gen.Constant<string?>(null)));

    public static Gen<int?> Column => Gen.Frequency((6, Gen.Choose(0, 8).Select(n => (int?)n)), (1, Gen.Constant<int?>(null)));

    public static Gen<string?> Property => Gen.Frequency(
        (6, Gen.Elements("email", "firstname", "amount", "closedate").Select(v => (string?)v)),
        (1, HostileString(20).Select(v => (string?)v)),
        (2, Gen.Constant<string?>(null)));

    public static Gen<int?> Line => Gen.Frequency(
        (1, Gen.Constant<int?>(0)),
        (8, Gen.Choose(1, 120).Select(n => (int?)n)),
        (1, Gen.Constant<int?>(null)));

    public static Gen<long?> FileId => Gen.Frequency((6, Gen.Elements(FileIds).Select(v => (long?)v)), (1, Gen.Constant<long?>(null)));

    public static Gen<bool?> Flag => Gen.Frequency((6, Gen.Constant<bool?>(false)), (1, Gen.Constant<bool?>(true)), (2, Gen.Constant<bool?>(null)));

    /// <summary>HubSpot's three levels, levels it may add (or spell differently), and none stated.</summary>
    public static Gen<string?> Sensitivity => Gen.Frequency(
        (6, Gen.Elements("none", "standard").Select(v => (string?)v)),
        (1, Gen.Elements("high", "restricted", "NONE", "").Select(v => (string?)v)),
        (2, Gen.Constant<string?>(null)));

    /// <summary><c>maskedSubstrings</c>: mostly absent, sometimes empty, sometimes with ranges.</summary>
    public static Gen<IReadOnlyList<MaskedRange>?> Masked => Gen.Frequency(
        (6, Gen.Constant<IReadOnlyList<MaskedRange>?>(null)),
        (1, Gen.Constant<IReadOnlyList<MaskedRange>?>([])),
        (1, Gen.Choose(0, 20).Select(start => (IReadOnlyList<MaskedRange>?)[new MaskedRange(start, start + 4)])));

    /// <summary><c>sourceData.rowData</c>: absent, empty, or cells with hostile text, CSV specials and formula-like starts.</summary>
    public static Gen<IReadOnlyList<string>?> Row => Gen.Frequency(
        (2, Gen.Constant<IReadOnlyList<string>?>(null)),
        (1, Gen.Constant<IReadOnlyList<string>?>([])),
        (5, Cell.ListOf().Select(cells => (IReadOnlyList<string>?)cells.Take(12).ToArray())));

    /// <summary>One cell: hostile text, CSV's specials, formula-like starts, empty.</summary>
    public static Gen<string> Cell => Gen.Frequency(
        (4, HostileString(16)),
        (2, Gen.Elements("", "a,b", "say \"hi\"", "line\r\nbreak", "cr\r", "lf\n", "=SUM(A1:A2)", "+1", "-2", "@cmd", "\tx", "\ry", "Ünïcødé 😀")),
        (1, Gen.Elements(Vocabulary)));

    public static Gen<SyntheticError> Error =>
        from errorType in ErrorType
        from objectType in ObjectType
        from column in Column
        from value in Value
        from display in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Value))
        from property in Property
        from sensitivity in Sensitivity
        from masked in Masked
        from encrypted in Flag
        from containsEncrypted in Flag
        from fileId in FileId
        from line in Line
        from createdAt in Gen.Frequency((8, Gen.Choose(0, int.MaxValue).Select(n => (long?)(1_700_000_000_000L + n))), (1, Gen.Constant<long?>(null)))
        from id in HostileString(12)
        from row in Row
        from message in Gen.Frequency((2, Gen.Constant<string?>(null)), (3, Value))
        select new SyntheticError
        {
            Id = "id-" + id,
            CreatedAt = createdAt,
            ErrorType = errorType,
            ObjectType = objectType,
            KnownColumnNumber = column,
            InvalidValue = value,
            InvalidValueToDisplay = display,
            PropertyName = property,
            DataSensitivity = sensitivity,
            MaskedSubstrings = masked,
            IsEncrypted = encrypted,
            ContainsEncryptedProperties = containsEncrypted,
            FileId = fileId,
            LineNumber = line,
            RowData = row,
            ErrorMessage = message,
        };

    public static Gen<SyntheticError[]> Errors => Error.ArrayOf();

    public static Arbitrary<SyntheticError[]> ErrorsArb => Arb.From(Errors);

    /// <summary>Errors plus a seed for formatting and chunking decisions.</summary>
    public static Arbitrary<(SyntheticError[] Errors, int Seed)> ErrorsAndSeed =>
        Arb.From(from errors in Errors from seed in Gen.Choose(0, int.MaxValue) select (errors, seed));
}
