namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>The endpoint and import id a path names, on either prefix.</summary>
internal readonly record struct RequestRoute(FakeHubSpotEndpoint Endpoint, string? ImportId)
{
    /// <summary>The path prefixes served: the dated API and the older v3 one.</summary>
    public static readonly string[] Prefixes = ["/crm/imports/2026-03", "/crm/v3/imports"];

    public static RequestRoute Parse(string method, string path)
    {
        if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        foreach (var prefix in Prefixes)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path.AsSpan(prefix.Length).TrimEnd('/');
            if (rest.IsEmpty)
            {
                return new(FakeHubSpotEndpoint.ImportList, null);
            }

            if (rest[0] != '/')
            {
                return default;
            }

            rest = rest[1..];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                return new(FakeHubSpotEndpoint.Import, rest.ToString());
            }

            return rest[(slash + 1)..] is "errors" ? new(FakeHubSpotEndpoint.Errors, rest[..slash].ToString()) : default;
        }

        return default;
    }
}
