using System.Diagnostics.CodeAnalysis;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Pipeline;

namespace ImportErrorAnalytics.Orleans.Aggregation;

/// <summary>A registration of an aggregator class by its type: a new instance for each analysis, as the generated registration makes them.</summary>
internal static class AggregatorRegistration
{
    /// <exception cref="ArgumentException">The type implements no <see cref="IErrorAggregator{TState, TResult}"/>, or several.</exception>
    public static Action<ImportErrorAnalyzerBuilder> ByType<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] TAggregator>()
        where TAggregator : class, IErrorAggregator, new()
    {
        var contracts = typeof(TAggregator).GetInterfaces()
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IErrorAggregator<,>))
            .ToList();
        if (contracts.Count != 1)
        {
            throw new ArgumentException(
                $"{typeof(TAggregator).FullName} must implement IErrorAggregator<TState, TResult> exactly once to be registered by its type (it does {contracts.Count} times).",
                nameof(TAggregator));
        }

        var arguments = contracts[0].GetGenericArguments();
        var typed = (ITyped)Activator.CreateInstance(typeof(Typed<,>).MakeGenericType(arguments))!;
        return builder => typed.Add(builder, new TAggregator());
    }

    private interface ITyped
    {
        void Add(ImportErrorAnalyzerBuilder builder, object aggregator);
    }

    private sealed class Typed<TState, TResult> : ITyped
        where TState : class
    {
        public void Add(ImportErrorAnalyzerBuilder builder, object aggregator) =>
            builder.AddAggregator((IErrorAggregator<TState, TResult>)aggregator);
    }
}
