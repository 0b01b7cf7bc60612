using System.Diagnostics;

namespace Hntt.Testing;

/// <summary>Runs the third-party checkers the tests hand our output to (Redocly, ical.js, mailparser; pinned in tools/package.json).</summary>
public static class NodeTools
{
    /// <summary>Runs a tool from tools/node_modules/.bin and returns its exit code with everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments) => RunFileAsync(RepoPaths.NodeTool(tool), arguments);

    /// <summary>Runs one of the checking scripts in tests/Hntt.Testing/node (their packages resolve from tools/node_modules).</summary>
    public static Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] arguments) =>
        RunFileAsync("node", [Path.Combine(RepoPaths.Root, "tests", "Hntt.Testing", "node", script), .. arguments]);

    static async Task<(int ExitCode, string Output)> RunFileAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NODE_PATH"] = Path.Combine(RepoPaths.Root, "tools", "node_modules");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false) + await errors.ConfigureAwait(false));
    }
}
