using System.Linq;
using Microsoft.CodeAnalysis;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>A diagnostic the generator reports, held by value in its models.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s syntax tree of that file, so pragmas apply to it.</summary>
    public Diagnostic ToDiagnostic(Compilation compilation) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), Arguments.Cast<object>().ToArray());
}
