using System.Runtime.InteropServices;
using ImportErrorAnalytics.Escaping;

namespace ImportErrorAnalytics.Cli.Hosting;

/// <summary>
/// How the native <c>iea</c> (Native AOT, linux-x64 tool package) runs what needs the JIT (<see cref="JitOnlyFeatures"/>):
/// it replaces itself (<c>execv</c>) with <c>dotnet exec jit/iea.dll</c> and the same arguments. The JIT build is this
/// very command line built for the runtime (ReadyToRun), shipped in the same package. One process, same id: standard
/// input, output and error, the environment, signals and the exit code are the JIT build's own; nothing is copied.
/// </summary>
internal static partial class JitRelaunch
{
    /// <summary>The folder of the JIT build, beside the native executable.</summary>
    internal const string Folder = "jit";

    /// <summary>The command line as <c>Main</c> received it; set by the program's entry point only.</summary>
    internal static IReadOnlyList<string>? Arguments { get; set; }

    /// <summary>
    /// Replaces this process with the JIT build, running the same arguments; returns only when that cannot be done,
    /// with <see cref="ExitCodes.InternalError"/> after saying why on <paramref name="stderr"/>. <paramref name="what"/>
    /// names what needed it (<c>--aggregator</c>, <c>iea demo</c>).
    /// </summary>
    public static async Task<int> RunAsync(string what, TextWriter stderr)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, Folder, "iea.dll");
        string? failure;
        if (Arguments is null)
        {
            failure = "this process was not started from the command line";
        }
        else if (!File.Exists(assembly))
        {
            failure = $"the JIT build of iea ({UntrustedText.Quote(assembly)}) is not there; the tool package ships it (dotnet tool install), and the portable package runs it in process";
        }
        else if (DotnetHost.Find() is not { } host)
        {
            failure = "the dotnet host was not found (set DOTNET_ROOT to the .NET 10 install)";
        }
        else
        {
            await stderr.FlushAsync().ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            failure = Exec(host, ["exec", assembly, .. Arguments]);
        }

        await stderr.WriteLineAsync($"iea: {what} runs in the JIT build of iea, which could not be started: {failure}.").ConfigureAwait(false);
        return ExitCodes.InternalError;
    }

    /// <summary><c>execv(path, [path, ..arguments])</c>; returns the reason when it fails (on success it never returns).</summary>
    private static string Exec(string path, IReadOnlyList<string> arguments)
    {
        var argv = new IntPtr[arguments.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(path);
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            _ = Execv(path, argv);
            return $"execv {UntrustedText.Quote(path)}: {Marshal.GetLastPInvokeErrorMessage()}";
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, IntPtr[] argv);
}
