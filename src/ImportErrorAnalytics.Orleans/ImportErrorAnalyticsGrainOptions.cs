using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Orleans;

/// <summary>
/// How the analytics grains read and analyse imports. Give every silo the same options: snapshots made with different
/// analysis settings do not merge.
/// </summary>
public sealed class ImportErrorAnalyticsGrainOptions
{
    /// <summary>
    /// The grain storage the grains keep their state in (add one under this name, e.g.
    /// <c>siloBuilder.AddMemoryGrainStorage(ImportErrorAnalyticsGrainOptions.StorageName)</c>, or a durable one).
    /// </summary>
    public const string StorageName = "ImportErrorAnalytics";

    /// <summary>
    /// Sets an account's HubSpot options: base address, API version, page <c>Limit</c>, retries, and
    /// <see cref="HubSpotSourceOptions.RequestsPerTenSeconds"/>, the account's budget, which all its import grains share.
    /// Called with the account id. The grains set <c>ImportId</c>, <c>AccessToken</c> (from
    /// <see cref="IHubSpotTokenProvider"/>) and <c>RateLimiter</c> (the account grain) themselves, over whatever is set here.
    /// </summary>
    public Action<string, HubSpotSourceOptions>? ConfigureHubSpot { get; set; }

    /// <summary>
    /// The rolling window an account's <see cref="HubSpotSourceOptions.RequestsPerTenSeconds"/> is counted over:
    /// HubSpot's 10 seconds plus a margin for the time between a grant and HubSpot counting the request (a busy silo,
    /// the network). At least 10 seconds.
    /// </summary>
    /// <value>Defaults to 10.25 seconds.</value>
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromSeconds(10.25);

    /// <summary>Sets the analysis options (<c>Top</c>, <c>DistinctCapacity</c>, <c>ClusterGap</c>...).</summary>
    public Action<AnalyzerOptions>? ConfigureAnalysis { get; set; }

    /// <summary>
    /// How often an account grain with unfinished imports asks each of them for its status. Asking activates an import
    /// grain whose silo died, on a live silo, where it resumes: the longest an orphaned import waits for that.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan ImportCheckPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registrations of custom aggregators, each adding aggregators to an analysis's builder: every import grain runs
    /// them, saves their states in its checkpoint and snapshot, and the account and fleet roll-ups merge them and read
    /// them with these aggregators. Every silo of a cluster must register the same ones (a roll-up refuses a state it has
    /// no aggregator for, see <see cref="AccountRollup.Refused"/>). The silo builder's <c>AddErrorAggregator&lt;T&gt;()</c>
    /// and <c>AddErrorAggregators(b =&gt; b.AddGeneratedAggregators())</c> add to this list.
    /// </summary>
    /// <example><c>o.Aggregators.Add(builder =&gt; builder.AddAggregator(new ErrorsPerObjectType()));</c></example>
    public IList<Action<ImportErrorAnalyzerBuilder>> Aggregators { get; } = [];

    /// <summary>
    /// Whether the silo's metrics carry the account id as the tag <c>iea.account.id</c> (permits granted, permit waits,
    /// imports finished). An operator's accounts are few and known (one series per account is what a per-account view
    /// needs); turn it off for a fleet of tens of thousands of accounts, where each instrument then has one series.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool TagMetricsWithAccount { get; set; } = true;

    /// <summary>
    /// The period of the reminder each running import keeps (named <see cref="ImportReminderName"/>). A reminder is
    /// durable: when the import's silo dies, the reminder service of a live silo ticks it within this period, which
    /// activates the import there and resumes it from its last saved page, without any call from a client or its
    /// account. The reminder is removed when the import completes or fails. Orleans refuses periods below its
    /// <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute unless lowered).
    /// </summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan ImportReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The name of the reminder a running import grain keeps.</summary>
    public const string ImportReminderName = "iea.import.resume";

    /// <summary>The account's budget and HubSpot options, as <see cref="ConfigureHubSpot"/> sets them.</summary>
    internal HubSpotSourceOptions HubSpotFor(string accountId)
    {
        var hubSpot = new HubSpotSourceOptions();
        ConfigureHubSpot?.Invoke(accountId, hubSpot);
        return hubSpot;
    }
}
