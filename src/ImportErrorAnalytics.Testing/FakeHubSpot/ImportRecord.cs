namespace ImportErrorAnalytics.Testing.FakeHubSpot;

/// <summary>The server's frozen copy of a <see cref="FakeImport"/>.</summary>
internal sealed record ImportRecord(
    string Id,
    string ImportName,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<KeyValuePair<string, long>> Counters,
    IReadOnlyList<string> FileIds,
    IReadOnlyList<string> MappedObjectTypeIds,
    bool OptOutImport,
    IErrorPageSource Errors);
