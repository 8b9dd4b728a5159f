namespace ImportErrorAnalytics.Orleans.Tests.Support;

/// <summary>Polls a cluster until it shows what a test waits for, or fails the test at a generous deadline.</summary>
internal static class Eventually
{
    public static async Task<T> ResultAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                var value = await ask();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // A silo was killed: calls fail until membership declares it dead.
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Waited {deadline.TotalSeconds:F0} s for {what}.", last);
    }
}
