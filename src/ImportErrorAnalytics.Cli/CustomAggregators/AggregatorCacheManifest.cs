using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Cli.CustomAggregators;

/// <summary>
/// What the cache wrote beside an image (<c>&lt;key&gt;.json</c>): the source and builds it was compiled from, the
/// SHA-256 and length of the image, and the compile's diagnostics. An image is loaded only when its manifest names the
/// very source and builds of this run and the image's bytes have the recorded hash; the file name alone proves nothing.
/// </summary>
internal sealed record AggregatorCacheManifest(
    string Format,
    int Version,
    string Key,
    string SourceSha256,
    AggregatorBuilds Builds,
    string ImageSha256,
    long ImageBytes,
    IReadOnlyList<AggregatorDiagnostic> Diagnostics)
{
    /// <summary>The <see cref="Format"/> of a manifest.</summary>
    public const string FormatName = "iea-aggregator-cache-entry";

    /// <summary>The <see cref="Version"/> this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The manifest of <paramref name="image"/>, compiled from the source hashed <paramref name="sourceSha256"/>.</summary>
    public static AggregatorCacheManifest For(string key, string sourceSha256, AggregatorBuilds builds, byte[] image, IReadOnlyList<AggregatorDiagnostic> diagnostics) =>
        new(FormatName, CurrentVersion, key, sourceSha256, builds, Convert.ToHexStringLower(SHA256.HashData(image)), image.LongLength, diagnostics);

    /// <summary>The manifest as UTF-8 JSON.</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, AggregatorCacheJsonContext.Default.AggregatorCacheManifest);

    /// <summary>Reads a manifest; <see langword="null"/> when the bytes are not one.</summary>
    public static AggregatorCacheManifest? Parse(byte[] utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, AggregatorCacheJsonContext.Default.AggregatorCacheManifest);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why <paramref name="image"/> is not the entry this run asks for (source <paramref name="sourceSha256"/>, builds
    /// <paramref name="builds"/>, cache key <paramref name="key"/>); <see langword="null"/> when it is.
    /// </summary>
    public string? Mismatch(string key, string sourceSha256, AggregatorBuilds builds, byte[] image) =>
        Format != FormatName || Version != CurrentVersion ? $"its manifest is not a version {CurrentVersion} cache manifest"
        : Key != key || SourceSha256 != sourceSha256 ? "its manifest was written for another source"
        : Builds != builds ? "its manifest was written by other builds of iea, the library, the analyzers or the compiler"
        : ImageBytes != image.LongLength || ImageSha256 != Convert.ToHexStringLower(SHA256.HashData(image)) ? "the image is not the one its manifest records (SHA-256 differs)"
        : Diagnostics is null || Diagnostics.Any(d => d is null || d.Id is null || d.Message is null) ? "its manifest's diagnostics are malformed"
        : null;
}

/// <summary>The JSON contract of <see cref="AggregatorCacheManifest"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AggregatorCacheManifest))]
internal sealed partial class AggregatorCacheJsonContext : JsonSerializerContext;
