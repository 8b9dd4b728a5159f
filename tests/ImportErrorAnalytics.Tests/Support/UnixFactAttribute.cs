namespace ImportErrorAnalytics.Tests.Support;

/// <summary>
/// A fact about Unix permissions: skipped on Windows, and, when it gives files to another user
/// (<see cref="ChangesOwner"/>), skipped unless the tests run as root (only root may chown to another user).
/// </summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix permissions only.";
        }
    }

    /// <summary>The test hands files to another user.</summary>
    public bool ChangesOwner
    {
        get => false;
        init
        {
            if (value && Skip is null && !Environment.IsPrivilegedProcess)
            {
                Skip = "Giving a file to another user needs root.";
            }
        }
    }
}
