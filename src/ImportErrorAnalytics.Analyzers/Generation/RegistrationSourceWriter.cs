using System.Collections.Generic;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>Writes <c>AddGeneratedAggregators()</c>: one registration per creatable <c>[ErrorAggregator]</c> class of the assembly.</summary>
internal static class RegistrationSourceWriter
{
    public const string HintName = "ImportErrorAnalytics.GeneratedErrorAggregators.g.cs";

    /// <param name="aggregators">The aggregators to register, in registration order.</param>
    public static string Write(IReadOnlyList<AggregatorModel> aggregators)
    {
        var code = GeneratedCode.Start();
        code.Open("namespace ImportErrorAnalytics.Pipeline");
        code.Line("/// <summary>Registers this assembly's <c>[ErrorAggregator]</c> classes.</summary>");
        code.Line(GeneratedCode.Attribute);
        code.Open("internal static class GeneratedErrorAggregators");
        code.Line("/// <summary>");
        code.Line("/// Adds a new instance of every <c>[ErrorAggregator]</c> class of this assembly, in the order of their full names:");
        code.Line("/// <list type=\"bullet\">");
        foreach (var aggregator in aggregators)
        {
            code.Line($"/// <item><description><c>{Escape(aggregator.DisplayName)}</c> as <c>{Escape(aggregator.Name ?? "?")}</c></description></item>");
        }

        code.Line("/// </list>");
        code.Line("/// </summary>");
        code.Line("/// <param name=\"builder\">The builder.</param>");
        code.Line("/// <returns>The builder.</returns>");
        code.Open($"public static {GeneratedCode.Builder} AddGeneratedAggregators(this {GeneratedCode.Builder} builder)");
        code.Line("global::System.ArgumentNullException.ThrowIfNull(builder);");
        foreach (var aggregator in aggregators)
        {
            code.Line($"builder.AddAggregator<{aggregator.StateType}, {aggregator.ResultType}>(new {aggregator.FullName}());");
        }

        code.Line("return builder;");
        code.Close();
        code.Close();
        code.Close();
        return code.ToString();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
