using System.Diagnostics;
using System.Globalization;
using Hntt.Testing;

namespace Hntt.TaskHub.Tests;

/// <summary>The test worker (tests/Durable.TestWorker) as a separate process that a test can SIGKILL.</summary>
public sealed class WorkerProcess : IDisposable
{
    readonly Process process;

    WorkerProcess(Process process) => this.process = process;

    public static WorkerProcess Start(string connectionString, string hubName)
    {
        string dll = Path.Combine(RepoPaths.Root, "tests", "TaskHub.TestWorker", "bin", RepoPaths.Configuration, "net10.0", "Hntt.TaskHub.TestWorker.dll");
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in TestHub.Settings(connectionString, hubName))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("the test worker did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    public int Id => process.Id;

    /// <summary>SIGKILL: no cleanup, no lease release.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    public override string ToString() => Id.ToString(CultureInfo.InvariantCulture);
}
