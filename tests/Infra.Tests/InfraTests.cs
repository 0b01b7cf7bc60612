using System.Text.Json;
using Hntt.Testing;
using YamlDotNet.RepresentationModel;

namespace Hntt.Infra.Tests;

/// <summary>The deployment as code, checked without Azure: every template builds and lints clean, azd finds what it names.</summary>
public sealed class InfraTests
{
    static readonly string Infra = Path.Combine(RepoPaths.Root, "infra");

    public static TheoryData<string> Templates() => [.. Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Infra, f))];

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Every_template_builds_and_lints_with_no_warning(string template)
    {
        // One run of the compiler per template: lint reports the build's errors and warnings with the linter's findings.
        var lint = await Bicep.RunAsync("lint", Path.Combine(Infra, template));

        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Length == 0, $"bicep lint {template}:\n{lint.Diagnostics}");
    }

    [Fact]
    public async Task A_broken_template_or_a_linter_finding_fails_the_check()
    {
        string copy = Directory.CreateTempSubdirectory("infra-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(Infra, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(copy, Path.GetRelativePath(Infra, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            string storage = Path.Combine(copy, "modules", "storage.bicep");
            await File.AppendAllTextAsync(storage, "\noutput broken string = account.properties.noSuchProperty.value\n");
            string identity = Path.Combine(copy, "modules", "identity.bicep");
            await File.AppendAllTextAsync(identity, "\nparam neverUsed string = 'x'\n");

            var broken = await Bicep.RunAsync("build", Path.Combine(copy, "main.bicep"), "--stdout");
            var unused = await Bicep.RunAsync("lint", identity);
            var brokenLint = await Bicep.RunAsync("lint", storage);

            Assert.True(broken.Diagnostics.Contains("noSuchProperty", StringComparison.Ordinal), broken.Diagnostics);
            Assert.True(brokenLint.Diagnostics.Contains("noSuchProperty", StringComparison.Ordinal), brokenLint.Diagnostics); // lint alone catches a build error
            Assert.NotEqual(0, unused.ExitCode);
            Assert.Contains("no-unused-params", unused.Diagnostics, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Azure_yaml_deploys_the_Functions_app_and_the_pages_web_app_from_projects_that_exist()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, "azure.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var infra = (YamlMappingNode)root["infra"];
        string infraPath = Path.Combine(RepoPaths.Root, infra["path"].ToString());
        Assert.True(File.Exists(Path.Combine(infraPath, infra["module"] + ".bicep")), "infra.path/infra.module");
        Assert.True(File.Exists(Path.Combine(infraPath, infra["module"] + ".parameters.json")), "the parameters azd fills in");
        string templates = string.Join('\n', Directory.GetFiles(infraPath, "*.bicep", SearchOption.AllDirectories).Select(File.ReadAllText));
        var services = ((YamlMappingNode)root["services"]).Children.ToDictionary(c => c.Key.ToString(), c => (YamlMappingNode)c.Value);
        Assert.Equal(["api", "web"], services.Keys.Order());
        Assert.Equal("function", services["api"]["host"].ToString());
        Assert.Equal("containerapp", services["web"]["host"].ToString());
        foreach (var (name, service) in services)
        {
            string project = Path.GetFullPath(Path.Combine(RepoPaths.Root, service["project"].ToString()));
            string[] projects = Directory.GetFiles(project, "*.csproj");
            Assert.True(projects.Length == 1, $"services.{name}.project: {project}");
            // azd finds the resource to deploy to by this tag.
            Assert.Contains($"'azd-service-name': '{name}'", templates, StringComparison.Ordinal);
            if (service["host"].ToString() == "function")
            {
                Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", File.ReadAllText(projects[0]), StringComparison.Ordinal);
                continue;
            }

            var docker = (YamlMappingNode)service["docker"];
            string dockerfile = Path.GetFullPath(Path.Combine(project, docker["path"].ToString()));
            string context = Path.GetFullPath(Path.Combine(project, docker["context"].ToString()));
            Assert.True(File.Exists(dockerfile), $"services.{name}.docker.path: {dockerfile}");
            Assert.True(Directory.Exists(context), $"services.{name}.docker.context: {context}");
            // Everything the Dockerfile copies is in the context, and it publishes this service's project.
            string text = File.ReadAllText(dockerfile);
            foreach (string line in text.Split('\n').Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
            {
                foreach (string source in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1].Where(s => !s.Contains('*', StringComparison.Ordinal)))
                {
                    Assert.True(File.Exists(Path.Combine(context, source)) || Directory.Exists(Path.Combine(context, source)), $"Dockerfile copies {source}");
                }
            }

            Assert.Contains(Path.GetRelativePath(context, projects[0]).Replace('\\', '/'), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_parameters_file_sets_only_parameters_the_template_has_and_every_one_it_requires()
    {
        var build = await Bicep.RunAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        using var template = JsonDocument.Parse(build.Output);
        using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Infra, "main.parameters.json")));
        var declared = template.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.TryGetProperty("defaultValue", out _));
        string[] given = [.. parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name)];

        Assert.All(given, name => Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare"));
        Assert.All(declared.Where(d => !d.Value).Select(d => d.Key), name => Assert.Contains(name, given));
        Assert.True(template.RootElement.GetProperty("outputs").TryGetProperty("SERVICE_WEB_URL", out _), "the pages' URL is an output");
        Assert.True(template.RootElement.GetProperty("outputs").TryGetProperty("SERVICE_API_URL", out _), "the Functions app's URL is an output");
    }
}
