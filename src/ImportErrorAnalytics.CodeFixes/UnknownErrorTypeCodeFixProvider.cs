using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using ImportErrorAnalytics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImportErrorAnalytics.CodeFixes;

/// <summary>IEA0001 fix: replaces the unknown name with the closest documented one.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownErrorTypeCodeFixProvider)), Shared]
public sealed class UnknownErrorTypeCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.UnknownErrorType];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(UnknownErrorTypeAnalyzer.SuggestionKey, out var suggestion) || suggestion is null
                || root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            var title = $"Use '{suggestion}'";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ =>
                    {
                        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion))
                            .WithTriviaFrom(literal);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, replacement)));
                    },
                    equivalenceKey: nameof(UnknownErrorTypeCodeFixProvider)),
                diagnostic);
        }
    }
}
