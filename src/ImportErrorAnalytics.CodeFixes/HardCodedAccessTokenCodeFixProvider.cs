using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using ImportErrorAnalytics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImportErrorAnalytics.CodeFixes;

/// <summary>
/// IEA0002 fix: reads the token from the environment variable <c>HUBSPOT_ACCESS_TOKEN</c> instead:
/// <c>HubSpotAccessToken.FromEnvironment()</c> for an argument of <c>HubSpotAccessToken.From</c>, else
/// <c>System.Environment.GetEnvironmentVariable("HUBSPOT_ACCESS_TOKEN")</c>. Not offered inside constants.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedAccessTokenCodeFixProvider)), Shared]
public sealed class HardCodedAccessTokenCodeFixProvider : CodeFixProvider
{
    private const string Title = "Read the token from HUBSPOT_ACCESS_TOKEN";
    private const string Variable = "HUBSPOT_ACCESS_TOKEN";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.HardCodedAccessToken];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not LiteralExpressionSyntax literal
                || IsInConstant(literal))
            {
                continue;
            }

            var fromArgument = diagnostic.Properties.TryGetValue(HardCodedAccessTokenAnalyzer.FromArgumentKey, out var value) && value == "true";
            var invocation = fromArgument ? literal.Parent?.Parent?.Parent as InvocationExpressionSyntax : null;
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ =>
                    {
                        var newRoot = invocation is not null && WithFromEnvironment(invocation) is { } replacement
                            ? root.ReplaceNode(invocation, replacement)
                            : root.ReplaceNode(literal, ReadVariable().WithTriviaFrom(literal));
                        return Task.FromResult(context.Document.WithSyntaxRoot(newRoot));
                    },
                    equivalenceKey: Title),
                diagnostic);
        }
    }

    private static InvocationExpressionSyntax? WithFromEnvironment(InvocationExpressionSyntax invocation)
    {
        var fromEnvironment = SyntaxFactory.IdentifierName("FromEnvironment");
        ExpressionSyntax? callee = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.WithName(fromEnvironment.WithTriviaFrom(access.Name)),
            IdentifierNameSyntax identifier => fromEnvironment.WithTriviaFrom(identifier),
            _ => null,
        };
        return callee is null
            ? null
            : invocation.WithExpression(callee).WithArgumentList(SyntaxFactory.ArgumentList().WithTriviaFrom(invocation.ArgumentList));
    }

    private static InvocationExpressionSyntax ReadVariable() =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("System.Environment.GetEnvironmentVariable"),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(Variable))))));

    private static bool IsInConstant(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case LocalDeclarationStatementSyntax local:
                    return local.IsConst;
                case AttributeArgumentSyntax or ParameterSyntax:
                    return true;
                case StatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
