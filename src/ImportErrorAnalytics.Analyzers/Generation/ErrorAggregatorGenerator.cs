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
/// <remarks>
/// Sources and diagnostics flow through separate pipelines. The sources' models hold no locations, so an edit that only
/// moves code leaves the generated files cached. The diagnostics are reported against the compilation's own syntax
/// trees, so <c>#pragma warning disable</c> suppresses them (a location made from a file path would not be checked
/// against the file's pragmas).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ErrorAggregatorGenerator : IIncrementalGenerator
{
    /// <summary>Step names the incremental pipeline reports for tracking (tests check these are reused).</summary>
    internal static class Steps
    {
        public const string Models = nameof(Models);
        public const string Sources = nameof(Sources);
        public const string Registration = nameof(Registration);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider.ForAttributeWithMetadataName(
            AggregatorInspector.AttributeName,
            static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
            AggregatorInspector.Inspect)
            .WithTrackingName(Steps.Models);

        var sources = models.Select(static (model, _) => model.WithoutDiagnostics()).WithTrackingName(Steps.Sources);
        context.RegisterSourceOutput(sources, static (output, model) =>
        {
            if (model.CanExtend && (model.EmitName || model.Contract is not null))
            {
                output.AddSource(model.HintName, AggregatorSourceWriter.Write(model));
            }
        });

        var registration = sources.Collect().WithTrackingName(Steps.Registration);
        context.RegisterSourceOutput(registration, static (output, all) =>
        {
            if (!all.IsEmpty)
            {
                var registrable = all.Where(m => m.Registrable).OrderBy(m => m.FullName, StringComparer.Ordinal).ToList();
                output.AddSource(RegistrationSourceWriter.HintName, RegistrationSourceWriter.Write(registrable));
            }
        });

        context.RegisterSourceOutput(models.Collect().Combine(context.CompilationProvider), static (output, input) =>
        {
            var (all, compilation) = input;
            foreach (var model in all)
            {
                foreach (var diagnostic in model.Diagnostics)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic(compilation));
                }
            }

            ReportDuplicateNames(output, all, compilation);
        });
    }

    /// <summary>The class with its namespace (two aggregators with one name often have one class name too).</summary>
    private static string Qualified(AggregatorModel model) =>
        model.Namespace is null ? model.DisplayName : model.Namespace + "." + model.DisplayName;

    /// <summary>IEA0007 on every aggregator whose name another one of the assembly has too.</summary>
    private static void ReportDuplicateNames(SourceProductionContext output, ImmutableArray<AggregatorModel> models, Compilation compilation)
    {
        var named = models.Where(m => m.Name is not null && m.CanExtend).OrderBy(m => m.FullName, StringComparer.Ordinal);
        foreach (var group in named.GroupBy(m => m.Name!, StringComparer.Ordinal))
        {
            var members = group.ToList();
            if (members.Count < 2)
            {
                continue;
            }

            foreach (var member in members)
            {
                var other = members.First(m => !ReferenceEquals(m, member));
                output.ReportDiagnostic(
                    DiagnosticInfo.Create(Descriptors.DuplicateAggregatorName, member.Location, group.Key, Qualified(member), Qualified(other))
                        .ToDiagnostic(compilation));
            }
        }
    }
}
