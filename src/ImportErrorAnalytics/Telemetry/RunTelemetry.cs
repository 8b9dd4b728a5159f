using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace ImportErrorAnalytics.Telemetry;

/// <summary>
/// The core library's meter, instruments and activity source, created once per process (as .NET's guidance asks of a
/// library that is not built around dependency injection: a <see cref="Meter"/> and an <see cref="ActivitySource"/> in
/// static fields). They hold no state of any run: every run records into the same instruments. Each call costs a check
/// of <see cref="Instrument.Enabled"/> (or <see cref="ActivitySource.HasListeners"/>) when nothing listens, and is made
/// once per page, never per record.
/// </summary>
internal static class RunTelemetry
{
    public const string PagesName = "iea.run.pages";
    public const string ErrorsName = "iea.run.errors";
    public const string BytesName = "iea.run.bytes";
    public const string DurationName = "iea.run.duration";
    public const string CheckpointWritesName = "iea.checkpoint.writes";

    public const string RunActivityName = "iea.run";
    public const string ImportSetActivityName = "iea.import_set";

    /// <summary>Tag of a run's duration and activity: <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public const string OutcomeTag = "iea.run.outcome";

    /// <summary>The OpenTelemetry tag naming the class of a failure (here: the exception's type).</summary>
    public const string ErrorTypeTag = "error.type";

    private static readonly string? Version = typeof(RunTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly Meter Meter = new(ImportErrorAnalyticsTelemetry.MeterName, Version);

    public static readonly ActivitySource Source = new(ImportErrorAnalyticsTelemetry.ActivitySourceName, Version);

    public static readonly Counter<long> Pages = Meter.CreateCounter<long>(PagesName, "{page}", "Response pages a run committed (NDJSON inputs have none).");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsName, "{error}", "Error records a run committed.");

    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>(BytesName, "By", "Bytes of input a run committed.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationName, "s", "How long a run took, from its start to its report or failure.");

    public static readonly Counter<long> CheckpointWrites = Meter.CreateCounter<long>(CheckpointWritesName, "{write}", "Checkpoints a run saved (one per committed page), or failed to save (tagged error.type).");

    /// <summary>Counts a committed page: its records and bytes, and the page itself when it is a response page.</summary>
    public static void Commit(bool responsePage, long errors, long bytes)
    {
        if (responsePage && Pages.Enabled)
        {
            Pages.Add(1);
        }

        if (Errors.Enabled)
        {
            Errors.Add(errors);
        }

        if (Bytes.Enabled)
        {
            Bytes.Add(bytes);
        }
    }

    /// <summary>Counts a checkpoint written, or one that could not be (<paramref name="failure"/>).</summary>
    public static void CheckpointWritten(Exception? failure)
    {
        if (!CheckpointWrites.Enabled)
        {
            return;
        }

        if (failure is null)
        {
            CheckpointWrites.Add(1);
        }
        else
        {
            CheckpointWrites.Add(1, new KeyValuePair<string, object?>(ErrorTypeTag, ErrorType(failure)));
        }
    }

    /// <summary>Starts a run's activity, when something listens: <see langword="null"/> otherwise.</summary>
    public static Activity? StartRun(int inputs, bool checkpointed)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(RunActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("iea.run.inputs", inputs);
            activity.SetTag("iea.run.checkpointed", checkpointed);
        }

        return activity;
    }

    /// <summary>Starts the activity of a set of imports each read by a run of its own.</summary>
    public static Activity? StartImportSet(int imports)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(ImportSetActivityName, ActivityKind.Internal);
        activity?.SetTag("iea.import_set.imports", imports);
        return activity;
    }

    /// <summary>
    /// Ends a run: records its duration with its outcome, and closes its activity with the counts it committed and,
    /// on failure, the failure's type (never its message, which may quote input).
    /// </summary>
    public static void EndRun(Activity? activity, TimeSpan elapsed, Exception? failure, bool cancelled, long pages, long errors, long bytes)
    {
        var outcome = cancelled ? "cancelled" : failure is null ? "completed" : "failed";
        if (Duration.Enabled)
        {
            if (failure is null || cancelled)
            {
                Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(OutcomeTag, outcome));
            }
            else
            {
                Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(OutcomeTag, outcome), new KeyValuePair<string, object?>(ErrorTypeTag, ErrorType(failure)));
            }
        }

        if (activity is null)
        {
            return;
        }

        End(activity, failure, cancelled);
        activity.SetTag("iea.run.pages", pages);
        activity.SetTag("iea.run.errors", errors);
        activity.SetTag("iea.run.bytes", bytes);
        activity.SetTag(OutcomeTag, outcome);
        activity.Dispose();
    }

    /// <summary>Sets an activity's status from how its work ended: an error with the failure's type, or none.</summary>
    public static void End(Activity activity, Exception? failure, bool cancelled)
    {
        if (cancelled)
        {
            activity.SetTag(ErrorTypeTag, typeof(OperationCanceledException).FullName);
            activity.SetStatus(ActivityStatusCode.Error, "cancelled");
        }
        else if (failure is not null)
        {
            // The status's description is the type, not the message: a message may quote a value from the input.
            activity.SetTag(ErrorTypeTag, ErrorType(failure));
            activity.SetStatus(ActivityStatusCode.Error, ErrorType(failure));
        }
    }

    /// <summary>A failure's low-cardinality name for <c>error.type</c>: the exception's type.</summary>
    public static string ErrorType(Exception failure) => failure.GetType().FullName ?? failure.GetType().Name;
}
