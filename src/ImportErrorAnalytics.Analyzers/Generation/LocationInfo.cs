using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>A source location held by value (a <see cref="Location"/> would tie the model to one compilation).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location location) =>
        location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// A location in <paramref name="compilation"/>'s tree of <see cref="FilePath"/>: only such a location is checked
    /// against the file's <c>#pragma warning</c> directives. A file path location when the tree is gone.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath && Span.End <= tree.Length)
            {
                return Location.Create(tree, Span);
            }
        }

        return Location.Create(FilePath, Span, LineSpan);
    }
}
