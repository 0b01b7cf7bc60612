namespace Hntt.Testing;

/// <summary>Where things are in the repository, found from the test's output folder.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder with Workflow.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run under (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The orchestration version the product's host.json stamps on new orchestrations (<c>extensions.durableTask.defaultVersion</c>).</summary>
    public static string DefaultVersion { get; } = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json"))).RootElement
        .GetProperty("extensions").GetProperty("durableTask").GetProperty("defaultVersion").GetString()!;

    /// <summary>A tool installed by scripts/setup into tools/node_modules/.bin.</summary>
    public static string NodeTool(string name)
    {
        string path = Path.Combine(Root, "tools", "node_modules", ".bin", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not installed: run scripts/setup first.", path);
    }

    static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Workflow.sln not found above " + AppContext.BaseDirectory);
    }
}
