using ImportErrorAnalytics.Escaping;
using ImportErrorAnalytics.HubSpot;
using ImportErrorAnalytics.Model;

namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// The grains' string keys: an account id, or <c>{accountId}/{importId}</c> for an import, whose import id is always
/// canonical (<see cref="HubSpotImportIds"/>): every spelling of one import addresses one grain.
/// </summary>
internal static class GrainKeys
{
    private const char Separator = '/';

    public static string Account(string accountId)
    {
        Check(accountId, nameof(accountId));
        return accountId;
    }

    /// <summary>The key of an import's grain, by the import id's canonical spelling.</summary>
    /// <exception cref="ArgumentException">The account id is empty or holds <c>/</c>, or the import id is not one.</exception>
    public static string Import(string accountId, string importId)
    {
        Check(accountId, nameof(accountId));
        return accountId + Separator + ImportId(importId, nameof(importId));
    }

    /// <summary>The canonical spelling of an import id given to a grain API.</summary>
    /// <exception cref="ArgumentException">It is not an import id (the message quotes it).</exception>
    public static string ImportId(string importId, string parameterName) => HubSpotImportIds.Canonicalize(importId, parameterName);

    /// <summary>Reads an import grain's key; its import id must be canonical, as <see cref="Import"/> writes it.</summary>
    /// <exception cref="ArgumentException">The key is not <c>{accountId}/{importId}</c> with a canonical import id.</exception>
    public static (string AccountId, string ImportId) ParseImport(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && HubSpotImportIds.IsCanonical(key[(at + 1)..])
            ? (key[..at], key[(at + 1)..])
            : throw new ArgumentException(
                $"An import grain's key is '{{accountId}}/{{importId}}' with the import id in its canonical spelling (GetImportGrain writes it), not {UntrustedText.Quote(key)}.",
                nameof(key));
    }

    public static void Check(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        if (id.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An id may not hold '{Separator}': {UntrustedText.Quote(id)}.", parameterName);
        }
    }
}
