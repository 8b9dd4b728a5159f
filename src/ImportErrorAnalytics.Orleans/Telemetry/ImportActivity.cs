using System.Diagnostics;

namespace ImportErrorAnalytics.Orleans.Telemetry;

/// <summary>
/// The activity <c>iea.orleans.import</c> of one import grain's run on one activation: from its start or resumption to
/// its completion, failure or stop. Tags: the account and import ids (identifiers, never a token or data), whether it
/// resumed from a checkpoint, and how it ended.
/// </summary>
internal static class ImportActivity
{
    public const string Name = "iea.orleans.import";

    public static Activity? Start(string accountId, string importId, bool resumed)
    {
        if (!SiloMetrics.Source.HasListeners())
        {
            return null;
        }

        var activity = SiloMetrics.Source.StartActivity(Name, ActivityKind.Internal);
        activity?.SetTag(SiloMetrics.AccountTag, accountId)
            .SetTag("iea.import.id", importId)
            .SetTag("iea.import.resumed", resumed);
        return activity;
    }

    public static void Completed(Activity? activity, long pages, long errors) =>
        activity?.SetTag(SiloMetrics.OutcomeTag, "completed").SetTag("iea.import.pages", pages).SetTag("iea.import.errors", errors);

    public static void Stopped(Activity? activity) => activity?.SetTag(SiloMetrics.OutcomeTag, "stopped");

    /// <summary>Marks the failure by its kind (the exception's type), never its message, which may quote input or a server.</summary>
    public static void Failed(Activity? activity, Exception exception, string outcome)
    {
        if (activity is null)
        {
            return;
        }

        var type = exception.GetType().FullName;
        activity.SetTag(SiloMetrics.OutcomeTag, outcome).SetTag("error.type", type).SetStatus(ActivityStatusCode.Error, type);
    }
}
