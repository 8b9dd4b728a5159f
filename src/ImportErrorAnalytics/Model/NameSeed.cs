using System.Text;

namespace ImportErrorAnalytics.Model;

/// <summary>
/// The documented names of one kind (HubSpot's error types or object types) with their UTF-8 bytes and hashes: built
/// once, never changed, and shared by every run's <see cref="NameTable"/>, which numbers them 1 to <see cref="Count"/>.
/// </summary>
internal sealed class NameSeed
{
    public NameSeed(IReadOnlyList<string> names)
    {
        Names = [.. names];
        Keys = Array.ConvertAll(Names, name => Encoding.UTF8.GetBytes(name));
        Hashes = Array.ConvertAll(Keys, key => ByteHash.Compute(key));
    }

    /// <summary>The names, in id order (id = index + 1).</summary>
    public string[] Names { get; }

    /// <summary>Their UTF-8 bytes.</summary>
    public byte[][] Keys { get; }

    /// <summary>Their <see cref="ByteHash"/> values.</summary>
    public int[] Hashes { get; }

    public int Count => Names.Length;
}
