namespace ImportErrorAnalytics.Analyzers.Generation;

/// <summary>What the generator knows of one <c>[ErrorAggregator]</c> class, by value.</summary>
/// <param name="DisplayName">The class as messages name it (<c>Outer.MyAggregator</c>).</param>
/// <param name="FullName">The fully qualified name for generated code (<c>global::Ns.Outer.MyAggregator</c>).</param>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global one.</param>
/// <param name="Containers">The types containing the class, outermost first.</param>
/// <param name="Declaration">The class's own declaration header.</param>
/// <param name="Name">The aggregator's name known at compile time, or <see langword="null"/> when it is not.</param>
/// <param name="EmitName">Whether the generator adds the <c>Name</c> property.</param>
/// <param name="StateType">The <c>TState</c> of its aggregator interface (fully qualified), when it has exactly one.</param>
/// <param name="ResultType">The <c>TResult</c> of its aggregator interface (fully qualified), when it has exactly one.</param>
/// <param name="Contract">The result's JSON contract to generate, or <see langword="null"/> for none.</param>
/// <param name="CanExtend">Whether a partial declaration can be generated (partial, and an aggregator).</param>
/// <param name="Registrable">Whether <c>AddGeneratedAggregators()</c> can create it with <c>new()</c>.</param>
/// <param name="Location">The class name's location.</param>
/// <param name="Diagnostics">What is wrong with it.</param>
internal sealed record AggregatorModel(
    string DisplayName,
    string FullName,
    string? Namespace,
    EquatableArray<TypeDeclaration> Containers,
    TypeDeclaration Declaration,
    string? Name,
    bool EmitName,
    string? StateType,
    string? ResultType,
    ContractModel? Contract,
    bool CanExtend,
    bool Registrable,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The model without what only diagnostics need, so moving code around does not regenerate sources.</summary>
    public AggregatorModel WithoutDiagnostics() => this with { Location = null, Diagnostics = EquatableArray<DiagnosticInfo>.Empty };

    /// <summary>The file name of the class's generated part (unique per class).</summary>
    public string HintName => Naming.HintName(FullName) + ".ErrorAggregator.g.cs";
}

/// <summary>A type declaration header to reopen as partial: <c>partial {Keyword} {Name}</c>.</summary>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The name with its type parameters (<c>Outer&lt;T&gt;</c>).</param>
internal sealed record TypeDeclaration(string Keyword, string Name);
