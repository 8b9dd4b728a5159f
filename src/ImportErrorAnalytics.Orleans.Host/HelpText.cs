using System.Text;
using ImportErrorAnalytics.Orleans.Host.Settings;

namespace ImportErrorAnalytics.Orleans.Host;

/// <summary>What <c>--help</c> prints: usage, every option with its variable, the environment, the ready line, exit codes.</summary>
internal static class HelpText
{
    public static string Text { get; } = Build();

    private static string Build()
    {
        var text = new StringBuilder();
        text.AppendLine("iea-silo: an ImportErrorAnalytics Orleans silo on PostgreSQL.");
        text.AppendLine();
        text.AppendLine("Usage: dotnet iea-silo.dll [options]");
        text.AppendLine();
        text.AppendLine("Every option can also be set by its environment variable; the command line wins.");
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in SiloOptions.All)
        {
            var name = option.IsFlag ? $"--{option.Name}" : $"--{option.Name} {option.Value}";
            text.AppendLine($"  {name}");
            text.AppendLine($"      {option.Help}");
            if (option != SiloOptions.Help)
            {
                text.AppendLine($"      Environment: {option.Variable}");
            }
        }

        text.AppendLine();
        text.AppendLine("Environment only:");
        text.AppendLine($"  {SiloOptions.ConnectionStringVariable}");
        text.AppendLine("      The Npgsql connection string (required). Never printed or logged: it may hold a password.");
        text.AppendLine($"  {SiloOptions.TokenVariablePrefix}<ACCOUNT>");
        text.AppendLine("      An account's HubSpot token; <ACCOUNT> is the account id in upper case with every character");
        text.AppendLine($"      other than a letter or digit as '_' (portal-1001: {SiloOptions.TokenVariablePrefix}PORTAL_1001). Never logged.");
        text.AppendLine("  OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_METRIC_EXPORT_INTERVAL");
        text.AppendLine("      OpenTelemetry's own variables; setting the endpoint turns OTLP export on.");
        text.AppendLine();
        text.AppendLine("Telemetry: nothing is exported unless --console-telemetry or an OTLP endpoint is given. Meters:");
        text.AppendLine("  ImportErrorAnalytics, ImportErrorAnalytics.HubSpot, ImportErrorAnalytics.Orleans, Microsoft.Orleans;");
        text.AppendLine("  activity sources: ImportErrorAnalytics, ImportErrorAnalytics.HubSpot, ImportErrorAnalytics.Orleans.");
        text.AppendLine();
        text.AppendLine("Once the silo has joined its cluster it prints one line on stdout:");
        text.AppendLine("  iea-silo ready {\"silo\":\"S127.0.0.1:11111:...\",\"address\":\"127.0.0.1\",\"siloPort\":11111,\"gatewayPort\":30000,\"pid\":...,\"clusterId\":\"iea\",\"serviceId\":\"iea\"}");
        text.AppendLine("Logs go to stderr. SIGTERM or Ctrl+C stops the silo gracefully.");
        text.AppendLine();
        text.AppendLine("Exit codes:");
        text.AppendLine($"  {ExitCodes.Stopped}  stopped on request, or --help");
        text.AppendLine($"  {ExitCodes.Unexpected}  an unexpected error while running");
        text.AppendLine($"  {ExitCodes.InvalidConfiguration}  invalid command line or environment (every problem is listed on stderr)");
        text.AppendLine($"  {ExitCodes.Database}  PostgreSQL cannot be reached, or --ensure-schema failed");
        text.AppendLine($"  {ExitCodes.SiloStart}  the silo did not start (port in use, schema missing, membership refused it)");
        return text.ToString();
    }
}
