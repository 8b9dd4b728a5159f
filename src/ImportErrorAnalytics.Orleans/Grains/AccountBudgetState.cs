namespace ImportErrorAnalytics.Orleans.Grains;

/// <summary>
/// How far ahead the account's budget has been handed out, written before any send time beyond it is given: a new
/// activation after a crash treats the budget as spent up to then, since it cannot know what was sent before.
/// </summary>
[GenerateSerializer]
[Alias("iea.AccountBudgetState")]
internal sealed class AccountBudgetState
{
    [Id(0)]
    public DateTimeOffset ReservedUntil { get; set; }
}
