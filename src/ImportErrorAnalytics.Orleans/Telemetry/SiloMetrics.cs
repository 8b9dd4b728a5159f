using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ImportErrorAnalytics.Orleans.Telemetry;

/// <summary>
/// The silo's instruments, on a meter from the silo's <see cref="IMeterFactory"/> (one per silo, so that silos sharing
/// a process, as in a test cluster, measure apart). Tags carry states, outcomes and, unless
/// <see cref="ImportErrorAnalyticsGrainOptions.TagMetricsWithAccount"/> is off, the account id: never an import id, a
/// token or anything read from an import.
/// </summary>
internal sealed class SiloMetrics
{
    public const string AccountTag = "iea.account.id";
    public const string StateTag = "iea.import.state";
    public const string OutcomeTag = "iea.import.outcome";
    public const string PermitOutcomeTag = "iea.permit.outcome";

    /// <summary>The version of the meter and the activity source: the assembly's informational version.</summary>
    public static readonly string? Version =
        typeof(SiloMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The activity source of import runs: static, as activity sources have no factory.</summary>
    public static readonly ActivitySource Source = new(OrleansTelemetry.ActivitySourceName, Version);

    private static readonly ImportState[] States = Enum.GetValues<ImportState>();

    private readonly long[] _imports = new long[States.Length];
    private readonly bool _tagAccount;
    private readonly Counter<long> _permits;
    private readonly Histogram<double> _permitWaits;
    private readonly Counter<long> _finished;

    public SiloMetrics(IMeterFactory meters, IOptions<ImportErrorAnalyticsGrainOptions> options)
    {
        _tagAccount = options.Value.TagMetricsWithAccount;
        var meter = meters.Create(new MeterOptions(OrleansTelemetry.MeterName) { Version = Version });
        meter.CreateObservableUpDownCounter(
            "iea.orleans.imports", ObserveImports, "{import}", "Import grains active on this silo, by state.");
        _permits = meter.CreateCounter<long>(
            "iea.orleans.permits.granted", "{permit}", "Send times handed out from accounts' budgets by the account grains on this silo.");
        _permitWaits = meter.CreateHistogram<double>(
            "iea.orleans.permit.wait.duration", "s", "Waits the account grains on this silo told import grains to make before a request (granted) or before asking again (deferred); a permit free at once is not a wait.");
        _finished = meter.CreateCounter<long>(
            "iea.orleans.imports.finished", "{import}", "Import runs on this silo that completed or failed.");
    }

    /// <summary>An import grain's activation moves from <paramref name="from"/> (none when activated) to <paramref name="to"/> (none when deactivated).</summary>
    public void ImportMoved(ImportState? from, ImportState? to)
    {
        if (from == to)
        {
            return;
        }

        if (from is { } old)
        {
            Interlocked.Decrement(ref _imports[(int)old]);
        }

        if (to is { } now)
        {
            Interlocked.Increment(ref _imports[(int)now]);
        }
    }

    public void PermitAnswered(string accountId, bool granted, TimeSpan wait)
    {
        if (granted && _permits.Enabled)
        {
            _permits.Add(1, Tags(accountId));
        }

        if (wait > TimeSpan.Zero && _permitWaits.Enabled)
        {
            var tags = Tags(accountId);
            tags.Add(PermitOutcomeTag, granted ? "granted" : "deferred");
            _permitWaits.Record(wait.TotalSeconds, tags);
        }
    }

    public void ImportFinished(string accountId, ImportState outcome)
    {
        if (_finished.Enabled)
        {
            var tags = Tags(accountId);
            tags.Add(OutcomeTag, Name(outcome));
            _finished.Add(1, tags);
        }
    }

    /// <summary>The state as tags name it: lower case.</summary>
    public static string Name(ImportState state) => state switch
    {
        ImportState.Pending => "pending",
        ImportState.Running => "running",
        ImportState.Completed => "completed",
        ImportState.Failed => "failed",
        _ => "unknown",
    };

    /// <summary>The account's tag, or none when the options leave it out.</summary>
    private TagList Tags(string accountId)
    {
        var tags = default(TagList);
        if (_tagAccount)
        {
            tags.Add(AccountTag, accountId);
        }

        return tags;
    }

    private IEnumerable<Measurement<long>> ObserveImports()
    {
        foreach (var state in States)
        {
            yield return new Measurement<long>(Interlocked.Read(ref _imports[(int)state]), new KeyValuePair<string, object?>(StateTag, Name(state)));
        }
    }
}
