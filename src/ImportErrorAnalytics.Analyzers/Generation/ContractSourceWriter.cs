using System.Linq;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>
/// Writes a result type graph's JSON contract as a <c>JsonSerializerContext</c> built on the public
/// <c>JsonMetadataServices</c> API: one <c>Create_{Id}</c> method per type, resolved by type. No reflection runs:
/// the System.Text.Json source generator does not see generated code, so this generator writes the metadata itself.
/// </summary>
internal static class ContractSourceWriter
{
    public const string ContextName = "GeneratedResultJsonContext";

    public static void Write(CodeWriter code, ContractModel contract)
    {
        var root = contract.Root;
        code.Line("/// <summary>The JSON contract of the aggregator's result, written at compile time (camelCase names).</summary>");
        code.Line(GeneratedCode.Attribute);
        code.Open($"private sealed class {ContextName} : global::System.Text.Json.Serialization.JsonSerializerContext, {GeneratedCode.Metadata}.IJsonTypeInfoResolver");
        code.Line($"private static readonly {GeneratedCode.Options} s_defaults = new()");
        code.Line("{");
        code.Line("    PropertyNamingPolicy = global::System.Text.Json.JsonNamingPolicy.CamelCase,");
        code.Line("};");
        code.Line();
        code.Line($"private {GeneratedCode.TypeInfo(root.FullName)}? _result;");
        code.Line();
        code.Line($"private {ContextName}({GeneratedCode.Options} options) : base(options)");
        code.Line("{");
        code.Line("}");
        code.Line();
        code.Line($"public static {ContextName} Default {{ get; }} = new(new {GeneratedCode.Options}(s_defaults));");
        code.Line();
        code.Line($"public {GeneratedCode.TypeInfo(root.FullName)} Result => _result ??= ({GeneratedCode.TypeInfo(root.FullName)})Options.GetTypeInfo(typeof({root.FullName}));");
        code.Line();
        code.Line($"protected override {GeneratedCode.Options}? GeneratedSerializerOptions => s_defaults;");
        code.Line();
        code.Open($"public override {GeneratedCode.Metadata}.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        code.Line("Options.TryGetTypeInfo(type, out var typeInfo);");
        code.Line("return typeInfo;");
        code.Close();
        code.Line();
        code.Open($"{GeneratedCode.Metadata}.JsonTypeInfo? {GeneratedCode.Metadata}.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {GeneratedCode.Options} options)");
        foreach (var type in contract.Types)
        {
            code.Open($"if (type == typeof({type.FullName}))");
            code.Line($"return Create_{type.Id}(options);");
            code.Close();
            code.Line();
        }

        code.Line("return null;");
        code.Close();
        foreach (var type in contract.Types)
        {
            code.Line();
            WriteCreate(code, type);
        }

        code.Close();
    }

    private static void WriteCreate(CodeWriter code, TypeModel type)
    {
        var typeInfo = GeneratedCode.TypeInfo(type.FullName);
        code.Open($"private {typeInfo} Create_{type.Id}({GeneratedCode.Options} options)");
        switch (type.Kind)
        {
            case TypeModelKind.Value:
                code.Line($"var info = {GeneratedCode.Services}.CreateValueInfo<{type.FullName}>(options, {GeneratedCode.Services}.{type.Factory});");
                break;
            case TypeModelKind.Enum:
                code.Line($"var converter = new global::System.Text.Json.Serialization.JsonStringEnumConverter<{type.FullName}>().CreateConverter(typeof({type.FullName}), options);");
                code.Line($"var info = {GeneratedCode.Services}.CreateValueInfo<{type.FullName}>(options, converter);");
                break;
            case TypeModelKind.Nullable:
                code.Line($"var info = {GeneratedCode.Services}.CreateValueInfo<{type.FullName}>(options, {GeneratedCode.Services}.GetNullableConverter<{type.ElementType}>(options));");
                break;
            case TypeModelKind.Collection:
                WriteCollection(code, type);
                break;
            default:
                ObjectContractWriter.WriteObject(code, type);
                break;
        }

        code.Line("info.OriginatingResolver = this;");
        code.Line("return info;");
        code.Close();
        if (type.Kind == TypeModelKind.Object)
        {
            code.Line();
            ObjectContractWriter.WriteProperties(code, type);
        }
    }

    private static void WriteCollection(CodeWriter code, TypeModel type)
    {
        var creator = type.CollectionCreator is null ? "null" : $"static () => new {type.CollectionCreator}()";
        code.Line($"var values = new {GeneratedCode.Metadata}.JsonCollectionInfoValues<{type.FullName}>");
        code.Line("{");
        code.Line($"    ObjectCreator = {creator},");
        code.Line("};");
        var arguments = type.Factory == "CreateArrayInfo"
            ? type.ElementType
            : string.Join(", ", new[] { type.FullName, type.KeyType, type.ElementType }.Where(t => t is not null));
        code.Line($"var info = {GeneratedCode.Services}.{type.Factory}<{arguments}>(options, values);");
    }
}
