namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>The grains' string keys: an account id, or <c>{accountId}/{importId}</c> for an import.</summary>
internal static class GrainKeys
{
    private const char Separator = '/';

    public static string Account(string accountId)
    {
        Check(accountId, nameof(accountId));
        return accountId;
    }

    public static string Import(string accountId, string importId)
    {
        Check(accountId, nameof(accountId));
        Check(importId, nameof(importId));
        return accountId + Separator + importId;
    }

    public static (string AccountId, string ImportId) ParseImport(string key)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && at < key.Length - 1
            ? (key[..at], key[(at + 1)..])
            : throw new ArgumentException($"An import grain's key is '{{accountId}}/{{importId}}', not '{key}'.", nameof(key));
    }

    public static void Check(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);
        if (id.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An id may not hold '{Separator}': '{id}'.", parameterName);
        }
    }
}
