namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>Writes the generated part of an <c>[ErrorAggregator]</c> class: <c>Name</c>, <c>ResultTypeInfo</c> and the result's JSON context.</summary>
internal static class AggregatorSourceWriter
{
    public static string Write(AggregatorModel model)
    {
        var code = GeneratedCode.Start();
        if (model.Namespace is not null)
        {
            code.Open($"namespace {model.Namespace}");
        }

        foreach (var container in model.Containers)
        {
            code.Open($"partial {container.Keyword} {container.Name}");
        }

        code.Open($"partial {model.Declaration.Keyword} {model.Declaration.Name}");
        var first = true;
        if (model.EmitName)
        {
            code.Line("/// <inheritdoc />");
            code.Line($"public string Name => {Naming.Quote(model.Name!)};");
            first = false;
        }

        if (model.Contract is { } contract)
        {
            if (!first)
            {
                code.Line();
            }

            code.Line("/// <inheritdoc />");
            code.Line($"public {GeneratedCode.TypeInfo(model.ResultType!)} ResultTypeInfo => {ContractSourceWriter.ContextName}.Default.Result;");
            code.Line();
            ContractSourceWriter.Write(code, contract);
        }

        code.Close();
        foreach (var _ in model.Containers)
        {
            code.Close();
        }

        if (model.Namespace is not null)
        {
            code.Close();
        }

        return code.ToString();
    }
}
