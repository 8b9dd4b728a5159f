namespace ImportErrorAnalytics.Orleans.Rollups;

/// <summary>A snapshot offered to a roll-up: an import's (with its id) or an account's roll-up (without).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="ImportId">The import, or <see langword="null"/> for the account's roll-up.</param>
/// <param name="Payload">The snapshot, in the library's format.</param>
internal sealed record RollupPart(string AccountId, string? ImportId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The part as snapshot messages name it.</summary>
    public string Name => ImportId is null ? $"roll-up of account {AccountId}" : $"import {AccountId}/{ImportId}";

    public RollupRefusal Refuse(string reason) => new() { AccountId = AccountId, ImportId = ImportId, Reason = reason };
}
