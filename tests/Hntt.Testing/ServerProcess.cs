using System.Diagnostics;

namespace Hntt.Testing;

/// <summary>A local server a test starts (Azurite, maildev): its output drained, killed and its data folder deleted at the end.</summary>
internal static class ServerProcess
{
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
        return process;
    }

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
