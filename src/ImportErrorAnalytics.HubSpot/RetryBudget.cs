namespace ImportErrorAnalytics.HubSpot;

/// <summary>
/// What one request may still spend on retries: every wait counts against one total
/// (<see cref="HubSpotSourceOptions.MaxRateLimitWait"/>), whatever asked for it; transient failures other than rate
/// limiting are also bounded by a count (being rate-limited is normal, so it is not counted).
/// </summary>
internal sealed class RetryBudget(HubSpotSourceOptions options)
{
    /// <summary>The time waited between tries so far.</summary>
    public TimeSpan Waited { get; private set; }

    public int TransientRetries { get; private set; }

    /// <summary>Every retry so far, rate-limited or not.</summary>
    public int Retries { get; private set; }

    public bool Allows(Exception exception, TimeSpan nextDelay)
    {
        if (Waited + nextDelay > options.MaxRateLimitWait)
        {
            return false;
        }

        return exception is HubSpotTransientException { RateLimited: true } || TransientRetries < options.MaxRetries;
    }

    public void Spend(Exception exception, TimeSpan delay)
    {
        Waited += delay;
        Retries++;
        if (exception is not HubSpotTransientException { RateLimited: true })
        {
            TransientRetries++;
        }
    }
}
