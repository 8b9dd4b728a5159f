using ImportErrorAnalytics.Orleans;
using Microsoft.Extensions.DependencyInjection;

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
}
