namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>How a <see cref="FaultKind.MalformedJson"/> body is broken. The status is 200 and the response ends cleanly.</summary>
public enum MalformedJsonKind
{
    /// <summary>The first half of the real body.</summary>
    Truncated,

    /// <summary>The real body with one byte in the middle replaced by a control character (invalid in and out of strings).</summary>
    Corrupted,

    /// <summary>An HTML page (as a proxy or captive portal would send) labelled <c>application/json</c>.</summary>
    NotJson,
}
