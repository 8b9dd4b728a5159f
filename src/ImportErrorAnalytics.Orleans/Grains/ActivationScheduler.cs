namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// Runs work on a grain activation's own scheduler. The pipeline runs on the thread pool; grain storage and grain
/// calls must happen inside the activation, one turn at a time, and fail once the activation is gone, which stops a
/// run that outlived its silo.
/// </summary>
internal sealed class ActivationScheduler(TaskScheduler scheduler)
{
    public Task RunAsync(Func<Task> work, CancellationToken cancellationToken) =>
        TaskScheduler.Current == scheduler
            ? work()
            : Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.None, scheduler).Unwrap();

    public Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        TaskScheduler.Current == scheduler
            ? work()
            : Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.None, scheduler).Unwrap();
}
