namespace ImportErrorAnalytics.Sources.HubSpot;

/// <summary>
/// What one page may still spend on retries: rate-limit waits are bounded by total time (being rate-limited is
/// normal), other transient failures by a count.
/// </summary>
internal sealed class RetryBudget(HubSpotSourceOptions options)
{
    public TimeSpan RateLimitWaited { get; private set; }

    public int TransientRetries { get; private set; }

    public bool Allows(Exception exception, TimeSpan nextDelay)
    {
        if (exception is HubSpotTransientException { RateLimited: true })
        {
            return RateLimitWaited + nextDelay <= options.MaxRateLimitWait;
        }

        return TransientRetries < options.MaxRetries;
    }

    public void Spend(Exception exception, TimeSpan delay)
    {
        if (exception is HubSpotTransientException { RateLimited: true })
        {
            RateLimitWaited += delay;
        }
        else
        {
            TransientRetries++;
        }
    }
}
