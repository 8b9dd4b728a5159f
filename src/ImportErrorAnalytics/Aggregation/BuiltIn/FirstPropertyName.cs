using System.Text;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Aggregation.BuiltIn;

/// <summary>
/// The property name first seen for a column, "first" meaning the smallest input position, so the answer is the
/// same whatever order workers saw the records in. Allocates only when a new name wins.
/// </summary>
internal sealed class FirstPropertyName
{
    private byte[]? _utf8;
    private string? _name;

    /// <summary>The name (decoded from its bytes when first asked for: a column keeps one copy of its name).</summary>
    public string? Name => _utf8 is null ? null : _name ??= Encoding.UTF8.GetString(_utf8);

    public RecordPosition Position { get; private set; } = RecordPosition.Max;

    public void Offer(ReadOnlySpan<byte> utf8, RecordPosition position)
    {
        if (position >= Position)
        {
            return;
        }

        Position = position;
        if (_utf8 is null || !utf8.SequenceEqual(_utf8))
        {
            _utf8 = utf8.ToArray();
            _name = null;
        }
    }

    /// <summary>Restores a saved name and position.</summary>
    public void Restore(string? name, RecordPosition position)
    {
        _name = name;
        _utf8 = name is null ? null : Encoding.UTF8.GetBytes(name);
        Position = position;
    }

    /// <summary>
    /// Renumbers the position's input through <paramref name="inputs"/> (old number to new), so positions of runs that
    /// each numbered their inputs from 0 compare as positions of one run over all of them.
    /// </summary>
    /// <exception cref="FormatException">The position names an input outside <paramref name="inputs"/>.</exception>
    public void RenumberInput(ReadOnlySpan<int> inputs)
    {
        if (Position == RecordPosition.Max)
        {
            return;
        }

        if ((uint)Position.Source >= (uint)inputs.Length)
        {
            throw new FormatException($"A saved property position names input {Position.Source}; the run had {inputs.Length}.");
        }

        Position = Position with { Source = inputs[Position.Source] };
    }

    public void Merge(FirstPropertyName other)
    {
        if (other.Position < Position)
        {
            Position = other.Position;
            _utf8 = other._utf8;
            _name = other._name;
        }
    }
}
