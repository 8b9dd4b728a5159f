using System.Diagnostics.CodeAnalysis;
using ImportErrorAnalytics.Aggregation;
using ImportErrorAnalytics.Orleans;
using ImportErrorAnalytics.Orleans.Aggregation;
using ImportErrorAnalytics.Orleans.Telemetry;
using ImportErrorAnalytics.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Hosting;

/// <summary>Adds the ImportErrorAnalytics grains to a silo.</summary>
public static class ImportErrorAnalyticsSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the import, account and fleet grains need: their options, and the library's services (a named
    /// HttpClient for HubSpot, the analyzer factory, <see cref="TimeProvider.System"/> unless one is registered).
    /// The silo must also have an <see cref="IHubSpotTokenProvider"/>, a grain storage named
    /// <see cref="ImportErrorAnalyticsGrainOptions.StorageName"/> and a reminder service (a durable one, such as
    /// PostgreSQL's, for imports to resume after every silo was lost; <c>UseInMemoryReminderService</c> in tests).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options (the same on every silo).</param>
    /// <example>
    /// <code>
    /// siloBuilder
    ///     .AddImportErrorAnalytics(o => o.ConfigureHubSpot = (account, hubSpot) => hubSpot.RequestsPerTenSeconds = 190)
    ///     .AddMemoryGrainStorage(ImportErrorAnalyticsGrainOptions.StorageName)
    ///     .UseInMemoryReminderService();
    /// siloBuilder.Services.AddSingleton&lt;IHubSpotTokenProvider, VaultTokenProvider&gt;();
    /// </code>
    /// </example>
    public static ISiloBuilder AddImportErrorAnalytics(this ISiloBuilder builder, Action<ImportErrorAnalyticsGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImportErrorAnalytics();
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<SiloAggregators>();
        builder.Services.TryAddSingleton<SiloMetrics>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImportErrorAnalyticsGrainOptions>, AggregatorOptionsValidator>());
        var options = builder.Services.AddOptions<ImportErrorAnalyticsGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.ImportCheckPeriod > TimeSpan.Zero, "ImportCheckPeriod must be positive.")
            .Validate(o => o.ImportReminderPeriod > TimeSpan.Zero, "ImportReminderPeriod must be positive.")
            .Validate(o => o.BudgetWindow >= TimeSpan.FromSeconds(10), "BudgetWindow must be at least HubSpot's 10 seconds.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Registers a custom aggregator class on the silo: every import grain runs a new instance of it, and the roll-ups
    /// merge and read its states (<see cref="ImportErrorAnalyticsGrainOptions.Aggregators"/>). Register the same
    /// aggregators on every silo of the cluster.
    /// </summary>
    /// <typeparam name="TAggregator">
    /// The aggregator: implements <see cref="IErrorAggregator{TState, TResult}"/> once, and
    /// <see cref="IPersistentErrorAggregator{TState}"/> (the grains save its state after every page).
    /// </typeparam>
    /// <param name="builder">The silo builder.</param>
    /// <exception cref="ArgumentException">The type implements <see cref="IErrorAggregator{TState, TResult}"/> not exactly once.</exception>
    /// <example><c>siloBuilder.AddImportErrorAnalytics(...).AddErrorAggregator&lt;ErrorsPerObjectType&gt;();</c></example>
    public static ISiloBuilder AddErrorAggregator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] TAggregator>(this ISiloBuilder builder)
        where TAggregator : class, IErrorAggregator, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registration = AggregatorRegistration.ByType<TAggregator>();
        builder.Services.Configure<ImportErrorAnalyticsGrainOptions>(o => o.Aggregators.Add(registration));
        return builder;
    }

    /// <summary>
    /// Registers custom aggregators on the silo through an analysis builder, as the <c>[ErrorAggregator]</c> source
    /// generator's <c>AddGeneratedAggregators()</c> does: every import grain's analysis is given them, and the roll-ups
    /// merge and read their states (<see cref="ImportErrorAnalyticsGrainOptions.Aggregators"/>). Called once per
    /// analysis. Register the same aggregators on every silo of the cluster.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="register">Adds aggregators to a builder: <c>b =&gt; b.AddGeneratedAggregators()</c>.</param>
    /// <example><c>siloBuilder.AddImportErrorAnalytics(...).AddErrorAggregators(b =&gt; b.AddGeneratedAggregators());</c></example>
    public static ISiloBuilder AddErrorAggregators(this ISiloBuilder builder, Action<ImportErrorAnalyzerBuilder> register)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(register);
        builder.Services.Configure<ImportErrorAnalyticsGrainOptions>(o => o.Aggregators.Add(register));
        return builder;
    }
}
