using System.Security.Cryptography;
using System.Text;

namespace ImportErrorAnalytics.Reporting;

/// <summary>
/// The secret key of masked values (<see cref="Pipeline.AnalyzerOptions.MaskValues"/>): a value is shown as the start of
/// its HMAC-SHA256 under this key, so equal values still look equal within the reports made with one key, while nobody
/// without the key can test guesses (a phone number, a known email) against a mask. The key never appears in
/// <see cref="ToString"/>, reports, snapshots, checkpoints or messages.
/// </summary>
/// <remarks>
/// Masks made with the same key can be compared across reports and runs; masks made with different keys cannot. Without
/// a key, each analyzer (each <c>iea</c> run) makes a random one: its masks group equal values within its own reports
/// only. Keep a key you reuse as secret as the data it protects: whoever has it can test guesses again.
/// </remarks>
public sealed class ValueMaskKey
{
    /// <summary>The fewest key bytes accepted: a shorter key could itself be guessed.</summary>
    public const int MinimumBytes = 16;

    /// <summary>Hex digits of a mask after its <c>#</c>.</summary>
    internal const int MaskHexDigits = 10;

    private readonly byte[] _key;

    private ValueMaskKey(byte[] key) => _key = key;

    /// <summary>A key of the given bytes (copied).</summary>
    /// <param name="key">At least <see cref="MinimumBytes"/> bytes, best 32 random ones.</param>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumBytes"/>.</exception>
    public static ValueMaskKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"A value mask key needs at least {MinimumBytes} bytes; this one has {key.Length}.", nameof(key));
        }

        return new ValueMaskKey(key.ToArray());
    }

    /// <summary>A key of the UTF-8 bytes of an environment variable's value (e.g. a CI secret).</summary>
    /// <param name="variable">The variable's name (named in errors; its value never is).</param>
    /// <exception cref="ArgumentException">The variable is unset, or its value is shorter than <see cref="MinimumBytes"/> bytes.</exception>
    public static ValueMaskKey FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        return ProblemWithEnvironment(variable) is { } problem
            ? throw new ArgumentException(problem, nameof(variable))
            : new ValueMaskKey(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(variable)!));
    }

    /// <summary>Why <see cref="FromEnvironment"/> would refuse <paramref name="variable"/>; <see langword="null"/> when it would not.</summary>
    internal static string? ProblemWithEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        var bytes = value is null ? 0 : Encoding.UTF8.GetByteCount(value);
        return bytes == 0 ? $"the environment variable {variable} holds no value mask key: it is not set."
            : bytes < MinimumBytes ? $"the value mask key in the environment variable {variable} has {bytes} bytes; it needs at least {MinimumBytes} (a long random secret, e.g. from 'openssl rand -base64 32')."
            : null;
    }

    /// <summary>A new random key of 32 bytes: its masks compare only with masks of the same key object.</summary>
    public static ValueMaskKey CreateRandom() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Never the key.</summary>
    public override string ToString() => "ValueMaskKey([REDACTED])";

    /// <summary>
    /// A name of this key that reports may carry (<see cref="ReportSettings.MaskKeyId"/>), so a reader can tell whether
    /// two reports' masks were made with one key: <c>key:</c> and 16 hex digits of an HMAC-SHA256 of a fixed label under
    /// the key. It tells no more of the key than any mask does (both let whoever guesses the whole key check the guess).
    /// </summary>
    public string Id
    {
        get
        {
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, "iea value mask key id, version 1"u8, hash);
            return "key:" + Convert.ToHexStringLower(hash[..8]);
        }
    }

    /// <summary>The mask of a value: <c>#</c> and the first <see cref="MaskHexDigits"/> hex digits of its HMAC-SHA256.</summary>
    internal string Mask(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, utf8, hash);
        return "#" + Convert.ToHexStringLower(hash[..(MaskHexDigits / 2)]);
    }
}
