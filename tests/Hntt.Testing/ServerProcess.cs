using System.Diagnostics;

namespace Hntt.Testing;

/// <summary>A local server a test starts (Azurite, maildev): its output drained, killed and its data folder deleted at the end.</summary>
internal static class ServerProcess
{
    /// <summary>
    /// Starts the tool on ports found free and waits until it serves them. A port found free can still be taken (by
    /// another test's server or an outgoing connection) before the tool binds it; the tool then exits, and it is
    /// started again on other ports rather than waited for until the deadline.
    /// </summary>
    public static async Task<(Process Process, int[] Ports)> StartOnFreePortsAsync(
        string tool, int portCount, Func<int[], IEnumerable<string>> arguments, Func<int[], Task<bool>> serves, string folder)
    {
        for (int attempt = 1; ; attempt++)
        {
            int[] ports = FreePorts.Take(portCount);
            Process process = Start(tool, arguments(ports));
            bool serving = false;
            await Eventually.HoldsAsync(async () => process.HasExited || (serving = await serves(ports).ConfigureAwait(false)),
                TimeSpan.FromSeconds(30), $"{tool} serves its ports").ConfigureAwait(false);
            if (serving)
            {
                return (process, ports);
            }

            int code = process.ExitCode;
            process.Dispose();
            if (attempt == 3)
            {
                Directory.Delete(folder, recursive: true);
                throw new InvalidOperationException($"{tool} exited with code {code} at start three times, on three sets of free ports.");
            }
        }
    }

    public static Process Start(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(RepoPaths.NodeTool(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        KillOnExit(process);
        return process;
    }

    /// <summary>
    /// Kills the child when the test process ends, whether or not the test disposed it: a fixture whose start failed
    /// is never disposed by xunit, and an Azurite left running holds its ports and disk until the machine restarts.
    /// </summary>
    public static void KillOnExit(Process process) => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // disposed: it was stopped already
        }
    };

    public static async Task StopAsync(Process process, string folder)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
