using ImportErrorAnalytics.Fingerprints;

namespace ImportErrorAnalytics.Snapshots;

/// <summary>
/// One input of a run as its snapshot keeps it: its name, the errors committed from it, and the fingerprint of its
/// content (none for a HubSpot import, which its id identifies).
/// </summary>
internal sealed record RunInput(string Name, long Errors, InputFingerprint? Fingerprint);
