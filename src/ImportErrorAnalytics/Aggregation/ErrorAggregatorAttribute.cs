namespace ImportErrorAnalytics.Aggregation;

/// <summary>
/// Marks a <see langword="partial"/> class implementing <see cref="IErrorAggregator{TState, TResult}"/> for the
/// ImportErrorAnalytics source generator, which ships in the package with the analyzers. The generator adds to the class:
/// <list type="bullet">
/// <item><description><see cref="IErrorAggregator.Name"/>, returning <see cref="Name"/>;</description></item>
/// <item><description><see cref="IErrorAggregator{TState, TResult}.ResultTypeInfo"/>, a JSON contract for the result type
/// written at compile time (no reflection at run time), unless the class declares <c>ResultTypeInfo</c> itself;</description></item>
/// </list>
/// and to the assembly an <c>AddGeneratedAggregators()</c> extension of <c>ImportErrorAnalyzerBuilder</c> (namespace
/// <c>ImportErrorAnalytics.Pipeline</c>) that registers a new instance of every such class. The rules it checks are
/// IEA0005-IEA0010 (see <c>docs/rules</c>).
/// </summary>
/// <example>
/// <code>
/// [ErrorAggregator("errorsPerColumn")]
/// public sealed partial class ErrorsPerColumn : IErrorAggregator&lt;ColumnTally, ColumnReport&gt;
/// {
///     public ColumnTally CreateState() =&gt; new();
///     public void Add(ColumnTally state, in ImportErrorRecord record) { ... }
///     public void Merge(ColumnTally into, ColumnTally other) { ... }
///     public ColumnReport GetResult(ColumnTally state) =&gt; ...;
/// }
///
/// var analyzer = ImportErrorAnalyzer.CreateBuilder().AddPath("errors/").AddGeneratedAggregators().Build();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ErrorAggregatorAttribute : Attribute
{
    /// <summary>Names the aggregator after its class, camelCased (<c>ErrorsPerColumn</c> becomes <c>errorsPerColumn</c>).</summary>
    public ErrorAggregatorAttribute()
    {
    }

    /// <summary>Names the aggregator.</summary>
    /// <param name="name">The aggregator's name: its key under <c>custom</c> in the JSON report. Not empty; unique in the assembly.</param>
    public ErrorAggregatorAttribute(string name) => Name = name;

    /// <summary>The name given to the attribute.</summary>
    /// <value><see langword="null"/> when the name is the camelCased class name.</value>
    public string? Name { get; }
}
