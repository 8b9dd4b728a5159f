using ImportErrorAnalytics.Pipeline;
using ImportErrorAnalytics.Sources.HubSpot;

namespace ImportErrorAnalytics.Cli;

/// <summary>The <c>iea report --import-id</c> options.</summary>
internal sealed record HubSpotInput(
    string ImportId,
    Uri BaseAddress,
    bool UseV3,
    int? Limit,
    bool IncludeErrorMessage,
    bool IncludeRowData,
    string TokenVariable,
    int RequestsPerTenSeconds,
    string? CheckpointPath)
{
    public void AddTo(ImportErrorAnalyzerBuilder builder)
    {
        var token = HubSpotAccessToken.FromEnvironment(TokenVariable);
        builder.AddHubSpotImport(options =>
        {
            options.ImportId = ImportId;
            options.BaseAddress = BaseAddress;
            options.ApiVersion = UseV3 ? HubSpotApiVersion.V3 : HubSpotApiVersion.V2026March;
            options.Limit = Limit;
            options.IncludeErrorMessage = IncludeErrorMessage;
            options.IncludeRowData = IncludeRowData;
            options.AccessToken = token;
            options.RequestsPerTenSeconds = RequestsPerTenSeconds;
        });
        if (CheckpointPath is not null)
        {
            builder.WithCheckpoint(CheckpointPath);
        }
    }
}
