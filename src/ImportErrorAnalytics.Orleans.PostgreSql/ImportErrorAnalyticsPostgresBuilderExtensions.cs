using ImportErrorAnalytics.Orleans;
using ImportErrorAnalytics.Orleans.PostgreSql;

namespace Orleans.Hosting;

/// <summary>Puts an ImportErrorAnalytics silo or client on PostgreSQL, through Orleans' ADO.NET providers.</summary>
/// <remarks>
/// Create the schema first with <see cref="OrleansPostgresSchema.EnsureCreatedAsync"/> (once per database; it can run
/// again). Silos and clients of one cluster share the database and <c>ClusterOptions</c> (ClusterId, ServiceId).
/// </remarks>
public static class ImportErrorAnalyticsPostgresBuilderExtensions
{
    /// <summary>
    /// Uses PostgreSQL for the silo's cluster membership, for the grain storage the analytics grains use
    /// (<see cref="ImportErrorAnalyticsGrainOptions.StorageName"/>), and for reminders.
    /// </summary>
    /// <param name="builder">The silo builder (also call <c>AddImportErrorAnalytics</c>).</param>
    /// <param name="connectionString">An Npgsql connection string for a database set up by <see cref="OrleansPostgresSchema.EnsureCreatedAsync"/>.</param>
    /// <returns>The same builder.</returns>
    /// <example>
    /// <code>
    /// await OrleansPostgresSchema.EnsureCreatedAsync(connectionString);
    /// siloBuilder.AddImportErrorAnalytics().UseImportErrorAnalyticsPostgres(connectionString);
    /// </code>
    /// </example>
    public static ISiloBuilder UseImportErrorAnalyticsPostgres(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder
            .UseAdoNetClustering(o =>
            {
                o.Invariant = OrleansPostgresSchema.Invariant;
                o.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorage(ImportErrorAnalyticsGrainOptions.StorageName, o =>
            {
                o.Invariant = OrleansPostgresSchema.Invariant;
                o.ConnectionString = connectionString;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = OrleansPostgresSchema.Invariant;
                o.ConnectionString = connectionString;
            });
    }

    /// <summary>Finds the cluster's gateways (its active silos) in PostgreSQL.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">An Npgsql connection string for the silos' database.</param>
    /// <returns>The same builder.</returns>
    public static IClientBuilder UseImportErrorAnalyticsPostgres(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansPostgresSchema.Invariant;
            o.ConnectionString = connectionString;
        });
    }
}
