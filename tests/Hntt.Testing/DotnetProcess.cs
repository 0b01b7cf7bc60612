using System.Diagnostics;
using System.Globalization;

namespace Hntt.Testing;

/// <summary>A program of the repository run as a separate process, configured by environment variables, that a test can SIGKILL.</summary>
public sealed class DotnetProcess : IDisposable
{
    readonly Process process;
    readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    DotnetProcess(Process process) => this.process = process;

    /// <summary>The last 200 lines the program wrote, to explain a failure.</summary>
    public string Output => string.Join('\n', output);

    void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
            while (output.Count > 200 && output.TryDequeue(out _))
            {
            }
        }
    }

    /// <summary>Starts <c>dotnet {dll}</c>; settings use ':' in keys, as configuration does, and become environment variables.</summary>
    public static DotnetProcess Start(string dll, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start");
        var started = new DotnetProcess(process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ServerProcess.KillOnExit(process);
        return started;
    }

    /// <summary>The path of a project's built program: <c>{folder}/bin/{configuration}/net10.0/{assembly}.dll</c> under the repository.</summary>
    public static string Built(string folder, string assembly) =>
        Path.Combine(RepoPaths.Root, folder, "bin", RepoPaths.Configuration, "net10.0", assembly + ".dll");

    /// <summary>SIGKILL: no cleanup, no lease given back, nothing flushed.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => process.Id.ToString(CultureInfo.InvariantCulture);
}
