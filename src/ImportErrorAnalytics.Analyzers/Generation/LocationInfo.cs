using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>A source location held by value (a <see cref="Location"/> would tie the model to one compilation).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location location) =>
        location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
