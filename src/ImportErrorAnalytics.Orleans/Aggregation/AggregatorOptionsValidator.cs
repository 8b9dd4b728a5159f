using Microsoft.Extensions.Options;

namespace ImportErrorAnalytics.Orleans.Aggregation;

/// <summary>Refuses, when the silo starts, aggregator registrations no grain could use, with the reason.</summary>
internal sealed class AggregatorOptionsValidator : IValidateOptions<ImportErrorAnalyticsGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportErrorAnalyticsGrainOptions options) =>
        SiloAggregators.Problem(options.Aggregators) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
