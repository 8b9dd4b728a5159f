using System.Text;

namespace ImportErrorAnalytics.Tests.FailedRows;

/// <summary>
/// A small, strict RFC 4180 reader written for the tests: every record ends with CRLF, a field is either plain (no
/// comma, quote, CR or LF) or quoted with its quotes doubled; anything else (a bare CR or LF outside quotes, a quote
/// inside a plain field, text after a closing quote, a missing final CRLF, a byte order mark) throws.
/// </summary>
internal static class StrictCsv
{
    public static List<string[]> Read(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            throw new FormatException("a byte order mark");
        }

        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("an unclosed quote");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"a quote inside a plain field at {i}");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                throw new FormatException("no CRLF after the last record");
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
                continue;
            }

            throw new FormatException($"a bare CR or LF, or text after a closing quote, at {i}");
        }

        if (fields.Count > 0)
        {
            throw new FormatException("no CRLF after the last record");
        }

        return records;
    }
}
