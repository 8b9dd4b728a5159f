using System.Globalization;
using System.Text;
using ImportErrorAnalytics.Testing;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// Serializes errors as valid JSON in random formatting: any whitespace, any property order, escaped names and
/// values, unknown properties of any shape and depth, optional fields omitted or null.
/// </summary>
internal sealed class RandomJson(int seed)
{
    private static readonly string[] Whitespace = ["", " ", "\n", "\t", "\r\n", "  "];
    private readonly Random _random = new(seed);
    private readonly StringBuilder _text = new();

    public static byte[] Page(IReadOnlyList<SyntheticError> errors, string? after, int seed)
    {
        var json = new RandomJson(seed);
        json.WritePage(errors, after);
        return Encoding.UTF8.GetBytes(json._text.ToString());
    }

    public static byte[] Pages(IEnumerable<(IReadOnlyList<SyntheticError> Errors, string? After)> pages, int seed)
    {
        var json = new RandomJson(seed);
        foreach (var (errors, after) in pages)
        {
            json.WritePage(errors, after);
            json.Space();
        }

        return Encoding.UTF8.GetBytes(json._text.ToString());
    }

    private void WritePage(IReadOnlyList<SyntheticError> errors, string? after)
    {
        var members = new List<Action>
        {
            () =>
            {
                Name("results");
                Array(errors.Select(e => (Action)(() => WriteError(e))).ToList());
            },
        };
        if (after is not null)
        {
            members.Add(() =>
            {
                Name("paging");
                Object([() => { Name("next"); Object([() => { Name("after"); String(after); }, () => { Name("link"); String("https://x/?after=" + after); }]); }]);
            });
        }
        else if (_random.Next(3) == 0)
        {
            members.Add(() => { Name("paging"); Literal("null"); });
        }

        Object(members);
    }

    private void WriteError(SyntheticError e)
    {
        var members = new List<Action> { () => { Name("id"); String(e.Id); } };
        Optional(members, "createdAt", e.CreatedAt?.ToString(CultureInfo.InvariantCulture));
        OptionalString(members, "errorType", e.ErrorType);
        OptionalString(members, "objectType", e.ObjectType);
        Optional(members, "knownColumnNumber", e.KnownColumnNumber?.ToString(CultureInfo.InvariantCulture));
        OptionalString(members, "invalidValue", e.InvalidValue);
        OptionalString(members, "invalidValueToDisplay", e.InvalidValueToDisplay);
        var source = new List<Action>();
        Optional(source, "fileId", e.FileId?.ToString(CultureInfo.InvariantCulture));
        Optional(source, "lineNumber", e.LineNumber?.ToString(CultureInfo.InvariantCulture));
        Optional(source, "containsEncryptedProperties", Bool(e.ContainsEncryptedProperties));
        if (e.RowData is { } row)
        {
            source.Add(() => { Name("rowData"); Array(row.Select(cell => (Action)(() => String(cell))).ToList()); });
        }

        members.Add(() => { Name("sourceData"); Object(source); });
        OptionalString(members, "errorMessage", e.ErrorMessage);
        if (e.HasPropertyValue)
        {
            var property = new List<Action>();
            OptionalString(property, "name", e.PropertyName);
            OptionalString(property, "dataSensitivity", e.DataSensitivity);
            Optional(property, "isEncrypted", Bool(e.IsEncrypted));
            MaskedSubstrings(property, e.MaskedSubstrings);
            members.Add(() => { Name("invalidPropertyValue"); Object(property); });
        }
        else if (_random.Next(2) == 0)
        {
            members.Add(() => { Name("invalidPropertyValue"); Literal("null"); });
        }

        Object(members);
    }

    private static string? Bool(bool? value) => value is null ? null : value.Value ? "true" : "false";

    /// <summary>
    /// <c>maskedSubstrings</c> in each shape that means the same: ranges as HubSpot's object or as a bare array; no
    /// ranges as an empty array in either, an empty object, a null <c>substrings</c>, or a null.
    /// </summary>
    private void MaskedSubstrings(List<Action> members, IReadOnlyList<MaskedRange>? ranges)
    {
        if (ranges is null)
        {
            if (_random.Next(3) == 0)
            {
                members.Add(() => { Name("maskedSubstrings"); Literal("null"); });
            }

            return;
        }

        List<Action> Items() => ranges.Select(r => (Action)(() => Object(
            [() => { Name("start"); Literal(r.Start.ToString(CultureInfo.InvariantCulture)); }, () => { Name("end"); Literal(r.End.ToString(CultureInfo.InvariantCulture)); }]))).ToList();
        var shape = _random.Next(ranges.Count == 0 ? 5 : 2);
        members.Add(() =>
        {
            Name("maskedSubstrings");
            switch (shape)
            {
                case 0:
                    Object([() => { Name("substrings"); Array(Items()); }], unknownMembers: ranges.Count > 0);
                    break;
                case 1:
                    Array(Items());
                    break;
                case 2:
                    Object([], unknownMembers: false);
                    break;
                case 3:
                    Object([() => { Name("substrings"); Literal(_random.Next(2) == 0 ? "null" : "[]"); }], unknownMembers: false);
                    break;
                default:
                    Literal("null");
                    break;
            }
        });
    }

    private void Optional(List<Action> members, string name, string? literal)
    {
        if (literal is not null)
        {
            members.Add(() => { Name(name); Literal(literal); });
        }
        else if (_random.Next(2) == 0)
        {
            members.Add(() => { Name(name); Literal("null"); });
        }
    }

    private void OptionalString(List<Action> members, string name, string? value)
    {
        if (value is not null)
        {
            members.Add(() => { Name(name); String(value); });
        }
        else if (_random.Next(2) == 0)
        {
            members.Add(() => { Name(name); Literal("null"); });
        }
    }

    /// <param name="members">Writes each member.</param>
    /// <param name="unknownMembers">Sometimes add members of unknown names (not where any member means something).</param>
    private void Object(List<Action> members, bool unknownMembers = true)
    {
        var shuffled = members.OrderBy(_ => _random.Next()).ToList();
        var unknown = unknownMembers && _random.Next(4) == 0 ? _random.Next(1, 3) : 0;
        for (var i = 0; i < unknown; i++)
        {
            shuffled.Insert(_random.Next(shuffled.Count + 1), () => { Name("x" + _random.Next(1000)); Unknown(3); });
        }

        _text.Append('{');
        for (var i = 0; i < shuffled.Count; i++)
        {
            if (i > 0)
            {
                Space();
                _text.Append(',');
            }

            Space();
            shuffled[i]();
        }

        Space();
        _text.Append('}');
    }

    private void Array(List<Action> items)
    {
        _text.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                Space();
                _text.Append(',');
            }

            Space();
            items[i]();
        }

        Space();
        _text.Append(']');
    }

    private void Unknown(int depth)
    {
        switch (depth <= 0 ? _random.Next(4) : _random.Next(6))
        {
            case 0: Literal(_random.Next(2) == 0 ? "-12.5e3" : "123456789012345678901234567890"); break;
            case 1: String("unknown \u00e9 \"value\""); break;
            case 2: Literal(_random.Next(2) == 0 ? "true" : "null"); break;
            case 3: String(""); break;
            case 4: Array(Enumerable.Range(0, _random.Next(3)).Select(_ => (Action)(() => Unknown(depth - 1))).ToList()); break;
            default:
                var members = Enumerable.Range(0, _random.Next(3))
                    .Select(i => (Action)(() => { Name(i == 0 ? "errorType" : "results"); Unknown(depth - 1); }))
                    .ToList();
                _text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        _text.Append(',');
                    }

                    members[i]();
                }

                _text.Append('}');
                break;
        }
    }

    private void Name(string name)
    {
        String(name);
        Space();
        _text.Append(':');
        Space();
    }

    private void Literal(string literal) => _text.Append(literal);

    private void String(string value)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = _random.Next(8) == 0;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                _text.Append(escape ? $"\\u{(int)c:X4}\\u{(int)value[i + 1]:X4}" : value.Substring(i, 2));
                i++;
                continue;
            }

            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '/' when escape: _text.Append("\\/"); break;
                default:
                    if (c < 0x20 || escape)
                    {
                        _text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }

    private void Space() => _text.Append(Whitespace[_random.Next(Whitespace.Length)]);
}
