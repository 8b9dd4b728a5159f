using System.Linq;

namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>Writes the contract of an object: its creator, constructor parameters and properties.</summary>
internal static class ObjectContractWriter
{
    public static void WriteObject(CodeWriter code, TypeModel type)
    {
        code.Line($"var values = new {GeneratedCode.Metadata}.JsonObjectInfoValues<{type.FullName}>");
        code.Line("{");
        var creator = type.Creator;
        if (creator is { IsParameterless: true })
        {
            code.Line($"    ObjectCreator = static () => new {type.FullName}(),");
        }
        else if (creator is not null)
        {
            code.Line($"    ObjectWithParameterizedConstructorCreator = static args => {Construction(type.FullName, creator)},");
            code.Line($"    ConstructorParameterMetadataInitializer = static () => {type.Id}_Parameters(),");
        }

        code.Line($"    PropertyMetadataInitializer = _ => {type.Id}_Properties(options),");
        code.Line("};");
        code.Line($"var info = {GeneratedCode.Services}.CreateObjectInfo<{type.FullName}>(options, values);");
    }

    public static void WriteProperties(CodeWriter code, TypeModel type)
    {
        code.Open($"private static {GeneratedCode.Metadata}.JsonPropertyInfo[] {type.Id}_Properties({GeneratedCode.Options} options)");
        code.Line($"var properties = new {GeneratedCode.Metadata}.JsonPropertyInfo[{Naming.Invariant(type.Properties.Count)}];");
        for (var i = 0; i < type.Properties.Count; i++)
        {
            WriteProperty(code, type.Properties[i], i);
        }

        code.Line("return properties;");
        code.Close();
        if (type.Creator is { IsParameterless: false } creator)
        {
            code.Line();
            WriteParameters(code, type, creator);
        }
    }

    private static void WriteProperty(CodeWriter code, PropertyModel property, int index)
    {
        var member = Naming.Identifier(property.Name);
        var jsonName = property.JsonName is null ? "null" : Naming.Quote(property.JsonName);
        code.Line($"properties[{Naming.Invariant(index)}] = {GeneratedCode.Services}.CreatePropertyInfo<{property.TypeName}>(options, new {GeneratedCode.Metadata}.JsonPropertyInfoValues<{property.TypeName}>");
        code.Line("{");
        code.Line("    IsProperty = true,");
        code.Line("    IsPublic = true,");
        code.Line($"    IsVirtual = {Bool(property.IsVirtual)},");
        code.Line($"    DeclaringType = typeof({property.DeclaringType}),");
        code.Line($"    Getter = static obj => (({property.DeclaringType})obj).{member},");
        code.Line($"    Setter = {Setter(property, member)},");
        code.Line($"    IgnoreCondition = {property.IgnoreCondition ?? "null"},");
        code.Line($"    PropertyName = {Naming.Quote(property.Name)},");
        code.Line($"    JsonPropertyName = {jsonName},");
        code.Line("});");
        if (property.IsRequired)
        {
            code.Line($"properties[{Naming.Invariant(index)}].IsRequired = true;");
        }

        if (property.Order is { } order)
        {
            code.Line($"properties[{Naming.Invariant(index)}].Order = {Naming.Invariant(order)};");
        }
    }

    private static string Setter(PropertyModel property, string member) => property.Setter switch
    {
        SetterKind.Set when property.DeclaringIsValueType =>
            $"static (obj, value) => global::System.Runtime.CompilerServices.Unsafe.Unbox<{property.DeclaringType}>(obj).{member} = value",
        SetterKind.Set => $"static (obj, value) => (({property.DeclaringType})obj).{member} = value",
        SetterKind.Initializer =>
            $"static (obj, value) => throw new global::System.InvalidOperationException({Naming.Quote($"'{property.Name}' is set when the object is created.")})",
        _ => "null",
    };

    /// <summary><c>new T((A)args[0], ...) { P = (B)args[n], ... }</c>.</summary>
    private static string Construction(string type, CreatorModel creator)
    {
        var arguments = creator.Parameters.Where(p => !p.IsMemberInitializer).Select(p => $"({p.TypeName})args[{Naming.Invariant(p.Position)}]");
        var initializers = creator.Parameters.Where(p => p.IsMemberInitializer)
            .Select(p => $"{Naming.Identifier(p.Name)} = ({p.TypeName})args[{Naming.Invariant(p.Position)}]")
            .ToList();
        var construction = $"new {type}({string.Join(", ", arguments)})";
        return initializers.Count == 0 ? construction : $"{construction} {{ {string.Join(", ", initializers)} }}";
    }

    private static void WriteParameters(CodeWriter code, TypeModel type, CreatorModel creator)
    {
        code.Open($"private static {GeneratedCode.Metadata}.JsonParameterInfoValues[] {type.Id}_Parameters() => new {GeneratedCode.Metadata}.JsonParameterInfoValues[]");
        foreach (var parameter in creator.Parameters)
        {
            code.Line("new()");
            code.Line("{");
            code.Line($"    Name = {Naming.Quote(parameter.Name)},");
            code.Line($"    ParameterType = typeof({parameter.TypeName}),");
            code.Line($"    Position = {Naming.Invariant(parameter.Position)},");
            code.Line($"    HasDefaultValue = {Bool(parameter.DefaultValue is not null)},");
            code.Line($"    DefaultValue = {parameter.DefaultValue ?? "null"},");
            code.Line($"    IsNullable = {Bool(parameter.IsNullable)},");
            code.Line($"    IsMemberInitializer = {Bool(parameter.IsMemberInitializer)},");
            code.Line("},");
        }

        code.Close(";");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
