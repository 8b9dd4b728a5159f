using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>
/// The <c>[ErrorAggregator]</c> source generator. For each <c>partial</c> class implementing
/// <c>IErrorAggregator&lt;TState, TResult&gt;</c> it adds <c>Name</c> (from the attribute), <c>ResultTypeInfo</c> (a JSON
/// contract of the result type graph, written with <c>JsonMetadataServices</c>) and, once per assembly,
/// <c>ImportErrorAnalyzerBuilder.AddGeneratedAggregators()</c>. It reports IEA0005-IEA0010.
/// </summary>
[Generator(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ErrorAggregatorGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var aggregators = context.SyntaxProvider.ForAttributeWithMetadataName(
            AggregatorInspector.AttributeName,
            static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
            AggregatorInspector.Inspect);

        context.RegisterSourceOutput(aggregators, static (output, model) =>
        {
            foreach (var diagnostic in model.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (model.CanExtend && (model.EmitName || model.Contract is not null))
            {
                output.AddSource(model.HintName, AggregatorSourceWriter.Write(model));
            }
        });

        context.RegisterSourceOutput(aggregators.Collect(), static (output, models) =>
        {
            if (models.IsEmpty)
            {
                return;
            }

            var ordered = models.OrderBy(m => m.FullName, StringComparer.Ordinal).ToImmutableArray();
            ReportDuplicateNames(output, ordered);
            output.AddSource(RegistrationSourceWriter.HintName, RegistrationSourceWriter.Write(ordered.Where(m => m.Registrable).ToList()));
        });
    }

    /// <summary>The class with its namespace (two aggregators with one name often have one class name too).</summary>
    private static string Qualified(AggregatorModel model) =>
        model.Namespace is null ? model.DisplayName : model.Namespace + "." + model.DisplayName;

    /// <summary>IEA0007 on every aggregator whose name another one of the assembly has too.</summary>
    private static void ReportDuplicateNames(SourceProductionContext output, ImmutableArray<AggregatorModel> models)
    {
        foreach (var group in models.Where(m => m.Name is not null && m.CanExtend).GroupBy(m => m.Name!, StringComparer.Ordinal))
        {
            var members = group.ToList();
            if (members.Count < 2)
            {
                continue;
            }

            foreach (var member in members)
            {
                var other = members.First(m => !ReferenceEquals(m, member));
                output.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DuplicateAggregatorName, member.Location?.ToLocation(), group.Key, Qualified(member), Qualified(other)));
            }
        }
    }
}
