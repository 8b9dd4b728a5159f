using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// The outer layout of a snapshot file: one header line of JSON naming the format, its version, the payload's length
/// and the payload's SHA-256, then exactly that many bytes of payload. Reading checks all four before the payload is
/// parsed, so truncation and corruption are found without trusting any of the payload.
/// </summary>
internal static class SnapshotEnvelope
{
    public const string FormatName = "iea-snapshot";

    /// <summary>
    /// The format version. Version 2 redacts every value HubSpot does not class as <c>none</c> (unless the settings'
    /// <c>showStandardSensitivity</c>); a version 1 snapshot may hold values of <c>standard</c> sensitivity and is refused.
    /// Version 3 keeps each input's errors and content fingerprint, without which a merge cannot refuse one content
    /// counted twice; a version 2 snapshot is refused.
    /// </summary>
    public const int Version = 3;

    private const int MaxHeaderBytes = 1024;

    private static ReadOnlySpan<byte> HeaderStart => "{\"format\":\"iea-snapshot\""u8;

    public static byte[] Header(ReadOnlySpan<byte> payload) => Encoding.ASCII.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"format\":\"{FormatName}\",\"version\":{Version},\"payloadBytes\":{payload.Length},\"payloadSha256\":\"{Convert.ToHexStringLower(SHA256.HashData(payload))}\"}}\n"));

    /// <summary>Reads a whole snapshot from <paramref name="source"/> and returns its checked payload.</summary>
    /// <exception cref="SnapshotFormatException">Not a snapshot, another version, truncated or corrupted.</exception>
    public static async Task<byte[]> ReadPayloadAsync(Stream source, string name, CancellationToken cancellationToken)
    {
        var start = new byte[MaxHeaderBytes];
        var read = await FillAsync(source, start, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw Fail(name, "is empty, not an iea snapshot.");
        }

        var newline = Array.IndexOf(start, (byte)'\n', 0, read);
        if (newline < 0)
        {
            var looksLikeOne = read < MaxHeaderBytes && (start.AsSpan(0, read).StartsWith(HeaderStart) || HeaderStart.StartsWith(start.AsSpan(0, read)));
            throw Fail(name, looksLikeOne ? "is truncated: it ends inside the snapshot header." : "is not an iea snapshot: it does not start with a snapshot header line.");
        }

        var (length, sha256) = ParseHeader(start.AsSpan(0, newline), name);
        var payload = new byte[(int)Math.Min(length, 1L << 20)];
        var have = Math.Min(read - newline - 1, (int)Math.Min(length, int.MaxValue));
        start.AsSpan(newline + 1, have).CopyTo(payload);
        var trailing = read - newline - 1 > have;
        while (have < length)
        {
            if (have == payload.Length)
            {
                Array.Resize(ref payload, (int)Math.Min(length, Math.Min((long)payload.Length * 2, Array.MaxLength)));
            }

            var n = await source.ReadAsync(payload.AsMemory(have), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw Fail(name, string.Create(CultureInfo.InvariantCulture, $"is truncated: its header announces {length:N0} payload bytes, it holds {have:N0}."));
            }

            have += n;
        }

        if (trailing || await source.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
        {
            throw Fail(name, "is damaged: it goes on after the payload its header announces.");
        }

        if (!Convert.ToHexStringLower(SHA256.HashData(payload)).Equals(sha256, StringComparison.Ordinal))
        {
            throw Fail(name, "is corrupted: its payload does not match the SHA-256 in its header.");
        }

        return payload;
    }

    private static (long Length, string Sha256) ParseHeader(ReadOnlySpan<byte> line, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var header = document.RootElement;
            if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.String || !format.ValueEquals(FormatName))
            {
                throw Fail(name, $"is not an iea snapshot: its first line does not name the format '{FormatName}'.");
            }

            var version = SnapshotJson.Long(header, "version", minimum: long.MinValue);
            if (version != Version)
            {
                throw Fail(name, string.Create(CultureInfo.InvariantCulture, $"has snapshot format version {version}; this version of iea reads version {Version}."));
            }

            var length = SnapshotJson.Long(header, "payloadBytes");
            var sha256 = SnapshotJson.String(SnapshotJson.Property(header, "payloadSha256", JsonValueKind.String), "'payloadSha256'");
            if (length > Array.MaxLength || sha256.Length != 64)
            {
                throw new FormatException("'payloadBytes' is too large or 'payloadSha256' is not 64 hexadecimal digits.");
            }

            return (length, sha256);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Invalid JSON, or text that is not UTF-8 (InvalidOperationException from GetString).
            throw line.StartsWith(HeaderStart)
                ? Fail(name, $"has a damaged snapshot header: {UntrustedText.OneLine(ex.Message)}", ex)
                : Fail(name, "is not an iea snapshot: its first line is not a snapshot header.", ex);
        }
    }

    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await source.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    internal static SnapshotFormatException Fail(string name, string problem, Exception? inner = null) =>
        inner is null ? new($"The snapshot {UntrustedText.Quote(name)} {problem}") : new($"The snapshot {UntrustedText.Quote(name)} {problem}", inner);
}
