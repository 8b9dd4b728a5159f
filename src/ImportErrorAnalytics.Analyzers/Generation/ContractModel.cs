namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>The JSON contract of a result type graph: one entry per type, the result type first.</summary>
internal sealed record ContractModel(EquatableArray<TypeModel> Types)
{
    public TypeModel Root => Types[0];
}

/// <summary>How a type's contract is made.</summary>
internal enum TypeModelKind
{
    /// <summary>A built-in converter of <c>JsonMetadataServices</c> (<see cref="TypeModel.Factory"/> names it).</summary>
    Value,

    /// <summary>An enum, written as its member names by <c>JsonStringEnumConverter&lt;T&gt;</c>.</summary>
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c> of <see cref="TypeModel.ElementType"/>.</summary>
    Nullable,

    /// <summary>An array, list, sequence or dictionary (<see cref="TypeModel.Factory"/> is the <c>JsonMetadataServices</c> method).</summary>
    Collection,

    /// <summary>An object with properties.</summary>
    Object,
}

/// <summary>The contract of one type.</summary>
/// <param name="Id">An identifier unique in the contract (<c>ListOfOrder</c>), for generated member names.</param>
/// <param name="FullName">The fully qualified type, as generated code writes it.</param>
/// <param name="Kind">How the contract is made.</param>
/// <param name="Factory">The converter property (<see cref="TypeModelKind.Value"/>) or the collection factory method.</param>
/// <param name="ElementType">The element type of a collection or nullable (fully qualified).</param>
/// <param name="KeyType">The key type of a dictionary (fully qualified).</param>
/// <param name="CollectionCreator">The type a collection is created as when read, or <see langword="null"/>.</param>
/// <param name="Properties">An object's properties, in the order reflection-based serialization writes them.</param>
/// <param name="Creator">How an object is created when read, or <see langword="null"/> when it cannot be.</param>
/// <param name="IsValueType">Whether the type is a struct.</param>
internal sealed record TypeModel(
    string Id,
    string FullName,
    TypeModelKind Kind,
    string? Factory,
    string? ElementType,
    string? KeyType,
    string? CollectionCreator,
    EquatableArray<PropertyModel> Properties,
    CreatorModel? Creator,
    bool IsValueType);

/// <summary>One property of an object contract.</summary>
/// <param name="Name">The CLR name.</param>
/// <param name="TypeName">The property type (fully qualified).</param>
/// <param name="DeclaringType">The type declaring it (fully qualified).</param>
/// <param name="DeclaringIsValueType">Whether the declaring type is a struct (its setter unboxes).</param>
/// <param name="JsonName">The <c>[JsonPropertyName]</c>, or <see langword="null"/> for the camelCased CLR name.</param>
/// <param name="IsVirtual">Whether it is virtual, abstract or an override.</param>
/// <param name="Setter">How it is set when read.</param>
/// <param name="IsRequired">Whether <c>required</c> or <c>[JsonRequired]</c>.</param>
/// <param name="IgnoreCondition">The <c>JsonIgnoreCondition</c> member of a conditional <c>[JsonIgnore]</c>, or <see langword="null"/>.</param>
/// <param name="Order">The <c>[JsonPropertyOrder]</c>, or <see langword="null"/>.</param>
internal sealed record PropertyModel(
    string Name,
    string TypeName,
    string DeclaringType,
    bool DeclaringIsValueType,
    string? JsonName,
    bool IsVirtual,
    SetterKind Setter,
    bool IsRequired,
    string? IgnoreCondition,
    int? Order);

/// <summary>How a property is set when JSON is read.</summary>
internal enum SetterKind
{
    /// <summary>Not at all: the property is read-only.</summary>
    None,

    /// <summary>Through its public setter.</summary>
    Set,

    /// <summary>In the object initializer that creates the object (init-only or required).</summary>
    Initializer,
}

/// <summary>How an object is created when read: a constructor's parameters, then member initializers.</summary>
internal sealed record CreatorModel(EquatableArray<ParameterModel> Parameters)
{
    public bool IsParameterless => Parameters.Count == 0;
}

/// <summary>A constructor parameter, or a member initializer (<see cref="IsMemberInitializer"/>).</summary>
/// <param name="Name">The parameter's (or property's) name.</param>
/// <param name="TypeName">Its type (fully qualified).</param>
/// <param name="Position">Its index in the creator's argument array.</param>
/// <param name="DefaultValue">The C# expression of its default value, or <see langword="null"/> when it has none.</param>
/// <param name="IsNullable">Whether null is a valid value.</param>
/// <param name="IsMemberInitializer">Whether it sets a property in the object initializer.</param>
internal sealed record ParameterModel(string Name, string TypeName, int Position, string? DefaultValue, bool IsNullable, bool IsMemberInitializer);
