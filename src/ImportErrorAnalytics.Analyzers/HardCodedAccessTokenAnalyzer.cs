using System;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ImportErrorAnalytics.Analyzers;

/// <summary>
/// IEA0002: a string literal that looks like a HubSpot private-app token (<c>pat-na1-xxxxxxxx-xxxx-…</c>), or any
/// string literal passed to <c>HubSpotAccessToken.From</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedAccessTokenAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property saying whether the literal is the argument of <c>HubSpotAccessToken.From</c>.</summary>
    public const string FromArgumentKey = "FromArgument";

    private static readonly Regex TokenPattern = new(
        @"\bpat-[a-z]{2,4}[0-9]{1,2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.HardCodedAccessToken];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var token = LibrarySymbols.From(start.Compilation).AccessToken;
            start.RegisterOperationAction(c => Analyze(c, token), OperationKind.Literal);
        });
    }

    /// <summary>Whether <paramref name="text"/> contains something shaped like a private-app token.</summary>
    public static bool LooksLikeToken(string text)
    {
        try
        {
            return text.IndexOf("pat-", StringComparison.OrdinalIgnoreCase) >= 0 && TokenPattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? accessToken)
    {
        var literal = (ILiteralOperation)context.Operation;
        if (literal.ConstantValue is not { HasValue: true, Value: string text })
        {
            return;
        }

        var fromArgument = IsFromArgument(literal, accessToken);
        if (!fromArgument && !LooksLikeToken(text))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(FromArgumentKey, fromArgument ? "true" : "false");
        var what = fromArgument ? "A literal is passed to HubSpotAccessToken.From" : "This string looks like a HubSpot private-app token";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedAccessToken, literal.Syntax.GetLocation(), properties, what));
    }

    private static bool IsFromArgument(ILiteralOperation literal, INamedTypeSymbol? accessToken) =>
        accessToken is not null
        && literal.ParentWithoutConversions() is IArgumentOperation { Parent: IInvocationOperation invocation }
        && invocation.TargetMethod is { Name: "From", IsStatic: true } method
        && SymbolEqualityComparer.Default.Equals(method.ContainingType, accessToken);
}
