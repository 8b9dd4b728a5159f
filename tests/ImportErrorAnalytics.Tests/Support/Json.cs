using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>Compares report sections by their JSON (reflection is fine in tests).</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static void Equal<T>(T expected, T actual) => Assert.Equal(Of(expected), Of(actual));
}
