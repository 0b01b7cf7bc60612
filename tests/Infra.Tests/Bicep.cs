using System.Diagnostics;

namespace Hntt.Infra.Tests;

/// <summary>The Bicep CLI from the NuGet package (Azure.Bicep.CommandLine.linux-x64), run on a file.</summary>
internal static class Bicep
{
    const string Version = "0.49.2";

    static string Cli { get; } = Find();

    /// <summary>Runs <c>bicep</c> with the arguments; returns the exit code and everything it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Diagnostics, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Cli) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> diagnostics = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await diagnostics).Trim(), await output);
    }

    static string Find()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cli = Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException("The Bicep CLI is restored with this test project (PackageDownload); run scripts/setup.", cli);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, File.GetUnixFileMode(cli) | UnixFileMode.UserExecute);
        }

        return cli;
    }
}
