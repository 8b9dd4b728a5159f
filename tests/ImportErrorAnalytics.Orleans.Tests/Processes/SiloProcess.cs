using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ImportErrorAnalytics.Orleans.Tests.Processes;

/// <summary>
/// One <c>iea-silo</c> process started with <c>dotnet</c>: its ready line (silo identity, ports, process id), its
/// output, and a kill -9. Disposing kills it if it still runs, so a failing test leaves no process behind.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private const string ReadyPrefix = "iea-silo ready ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly TaskCompletionSource<JsonElement> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process) => _process = process;

    /// <summary>The host's dll, from its build output (the test project builds it first).</summary>
    public static string HostDll { get; } = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "IeaSiloDll").Value!;

    /// <summary>The silo's identity as Orleans gives it (what <see cref="ImportStatus.Silo"/> says).</summary>
    public string Silo { get; private set; } = "";

    public int ProcessId => _process.Id;

    public int GatewayPort { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line written so far, stdout and stderr.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The lines written to stdout so far.</summary>
    public IReadOnlyList<string> StandardOutput => [.. _stdout];

    /// <summary>Starts the host (not waiting for it).</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("IEA_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data, fromStdout: true);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data, fromStdout: false);
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException("iea-silo exited before it was ready:\n" + string.Join('\n', silo._output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits for the ready line.</summary>
    public async Task<SiloProcess> ReadyAsync(TimeSpan timeout)
    {
        JsonElement ready;
        try
        {
            ready = await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"iea-silo {_process.Id} was not ready within {timeout.TotalSeconds:F0} s:\n" + string.Join('\n', _output), ex);
        }

        Silo = ready.GetProperty("silo").GetString()!;
        GatewayPort = ready.GetProperty("gatewayPort").GetInt32();
        Assert.Equal(_process.Id, ready.GetProperty("pid").GetInt32());
        return this;
    }

    /// <summary>kill -9: <see cref="Process.Kill(bool)"/> sends SIGKILL on Linux; no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>Waits for the process to end by itself (e.g. after a configuration error).</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool fromStdout)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (fromStdout)
        {
            _stdout.Enqueue(line);
        }

        if (fromStdout && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult(JsonDocument.Parse(line[ReadyPrefix.Length..]).RootElement.Clone());
        }
    }
}
