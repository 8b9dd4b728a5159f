using System.Diagnostics;

namespace ImportErrorAnalytics.Tests.Support;

/// <summary>A child process with its output captured, killed (with its children) when it outlives its time.</summary>
internal static class Processes
{
    /// <summary>The <c>dotnet</c> that runs this test run, when known (the CLI passes it to its children), else the one on PATH.</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host
            : "dotnet";

    /// <summary>
    /// Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>; <paramref name="environment"/> sets
    /// (or, with a <see langword="null"/> value, removes) variables of the child's environment.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands the test host MSBuild's own variables (MSBuildExtensionsPath, MSBuildSDKsPath,
        // MSBUILD_EXE_PATH, ...); a nested dotnet must resolve its SDK from global.json like a user's shell would.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (Path.IsPathRooted(Dotnet) && !start.Environment.ContainsKey("DOTNET_ROOT"))
        {
            // The installed tool's launcher finds the runtime here even when dotnet is not in a default location.
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Dotnet);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {limit}:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return new ProcessResult($"{fileName} {string.Join(' ', start.ArgumentList)}", process.ExitCode, await stdout, await stderr, stopwatch.Elapsed);
    }
}

internal sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Describe() =>
        $"'{CommandLine}' exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s.{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}
