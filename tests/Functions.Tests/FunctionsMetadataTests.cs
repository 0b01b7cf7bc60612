using System.Text.Json;
using Hntt.App.Timers;
using Hntt.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.Functions.Tests;

/// <summary>
/// What the Functions host will find: the <c>functions.metadata</c> the SDK generated at build, read as the host reads
/// it. Every endpoint the API maps, every timer and every orchestrator and activity class must be bound with the right
/// trigger — so a route renamed on one side, or a workflow class or job without its function, fails here.
/// </summary>
public sealed class FunctionsMetadataTests(FunctionsFixture fixture) : IClassFixture<FunctionsFixture>
{
    sealed record Binding(string Name, string Type, string? Route, string[] Methods, string? Schedule);

    sealed record Function(string Name, Binding Trigger, IReadOnlyList<Binding> Inputs);

    static readonly IReadOnlyList<Function> Functions = Read();

    // The endpoints that answer without the workflow; every other HTTP function binds the durable client.
    static readonly string[] WithoutClient = ["Liveness", "OpenApiDocument", "ApiReference"];

    static IReadOnlyList<Function> Read()
    {
        string path = Path.Combine(RepoPaths.Root, "functions", "Functions", "bin", RepoPaths.Configuration, "net10.0", "functions.metadata");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(f =>
        {
            Binding[] bindings = [.. f.GetProperty("bindings").EnumerateArray().Select(b => new Binding(
                b.GetProperty("name").GetString()!, b.GetProperty("type").GetString()!,
                b.TryGetProperty("route", out JsonElement r) ? r.GetString() : null,
                b.TryGetProperty("methods", out JsonElement m) ? [.. m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant())] : [],
                b.TryGetProperty("schedule", out JsonElement s) ? s.GetString() : null))];
            return new Function(f.GetProperty("name").GetString()!, bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)),
                [.. bindings.Where(b => !b.Type.EndsWith("Trigger", StringComparison.Ordinal) && b.Name != "$return")]);
        })];
    }

    static string Normalize(string route) => route.Trim('/');

    async Task<IReadOnlyList<RouteEndpoint>> ApiEndpointsAsync()
    {
        Assert.Equal(200, (await fixture.App.CallAsync("Liveness", "GET", "/healthz")).Status); // builds the API's pipeline
        return [.. fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
    }

    [Fact]
    public async Task Every_endpoint_of_the_API_is_an_HTTP_function_with_its_name_route_and_methods()
    {
        IReadOnlyList<RouteEndpoint> endpoints = await ApiEndpointsAsync();
        var named = endpoints.Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null).ToList();
        Assert.True(named.Count >= 40, $"the API maps {named.Count} named endpoints");
        foreach (RouteEndpoint endpoint in named)
        {
            string name = endpoint.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName;
            Function? function = Functions.SingleOrDefault(f => f.Name == name);
            Assert.True(function is not null, $"no function named {name} for {endpoint.RoutePattern.RawText}");
            Assert.Equal("httpTrigger", function.Trigger.Type);
            Assert.Equal(Normalize(endpoint.RoutePattern.RawText!), function.Trigger.Route);
            Assert.Equal(endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Order(), function.Trigger.Methods.Order());
        }

        // The API's description and its page are served too, under the routes the API maps them at.
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/openapi/{documentName}.json");
        Assert.Equal("openapi/{documentName}.json", Functions.Single(f => f.Name == "OpenApiDocument").Trigger.Route);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.StartsWith("/api/docs", StringComparison.Ordinal));
        Assert.Equal("api/docs/{*path}", Functions.Single(f => f.Name == "ApiReference").Trigger.Route);

        // And nothing more: every HTTP function is an endpoint of the API.
        string[] names = [.. named.Select(e => e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName), "OpenApiDocument", "ApiReference"];
        Assert.All(Functions.Where(f => f.Trigger.Type == "httpTrigger"), f => Assert.Contains(f.Name, names));
    }

    [Fact]
    public void Routes_are_served_as_they_are_written_with_no_prefix_from_the_host()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()); // else every route gains "api/"
    }

    [Fact]
    public void Every_route_docs_api_md_names_is_bound_with_its_method()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "api.md"));
        var documented = System.Text.RegularExpressions.Regex.Matches(doc, @"`(GET|POST|DELETE) (/[^`?\s]+)").Select(m => (Method: m.Groups[1].Value, Route: Normalize(m.Groups[2].Value)))
            .Where(r => !r.Route.StartsWith("runtime/webhooks/", StringComparison.Ordinal)) // the Functions host's own management API
            .Distinct().ToList();
        Assert.True(documented.Count >= 20, $"docs/api.md names {documented.Count} routes");
        foreach (var (method, route) in documented)
        {
            Assert.True(Functions.Any(f => f.Trigger.Type == "httpTrigger" && f.Trigger.Methods.Contains(method) && Matches(f.Trigger.Route!, route)),
                $"docs/api.md names {method} /{route}, which no HTTP function binds");
        }
    }

    // A documented route matches a function's template when their segments agree, parameters matching anything.
    static bool Matches(string template, string route)
    {
        string[] t = template.Split('/'), r = route.Split('/');
        return t.Length == r.Length && t.Zip(r).All(p => p.First.StartsWith('{') || p.Second.StartsWith('{') || p.First == p.Second
            || (p.First.Contains('{', StringComparison.Ordinal) && p.Second.Contains('|', StringComparison.Ordinal))); // tests/{first|second}
    }

    [Fact]
    public void HTTP_functions_bind_the_durable_client_unless_they_answer_without_the_workflow()
    {
        foreach (Function function in Functions.Where(f => f.Trigger.Type == "httpTrigger"))
        {
            Assert.Equal(!WithoutClient.Contains(function.Name), function.Inputs.Any(b => b.Type == "durableClient"));
        }
    }

    [Fact]
    public void Every_orchestrator_and_activity_the_local_host_registers_is_bound_to_its_trigger_under_its_name()
    {
        Type[] workflow = [.. typeof(App.ServiceApp).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace != "Hntt.App.Demo")];
        string[] orchestrators = [.. workflow.Where(typeof(ITaskOrchestrator).IsAssignableFrom).Select(t => t.Name)];
        string[] activities = [.. workflow.Where(typeof(ITaskActivity).IsAssignableFrom).Select(t => t.Name)];
        Assert.Contains("MeetingOrchestration", orchestrators);
        Assert.True(activities.Length >= 18, $"{activities.Length} activities");
        Assert.Equal(orchestrators.Order(), Functions.Where(f => f.Trigger.Type == "orchestrationTrigger").Select(f => f.Name).Order());
        Assert.Equal(activities.Order(), Functions.Where(f => f.Trigger.Type == "activityTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void Every_job_has_a_timer_on_its_UTC_setting_and_a_schedule_in_host_json()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));
        JsonElement schedules = host.RootElement.GetProperty("timers").GetProperty("schedules");
        Assert.Equal(ScheduledJobs.Names.Order(), Functions.Where(f => f.Trigger.Type == "timerTrigger").Select(f => f.Name).Order());
        foreach (string job in ScheduledJobs.Names)
        {
            Function timer = Functions.Single(f => f.Name == job);
            Assert.Equal($"%{job}ScheduleUtc%", timer.Trigger.Schedule);
            Assert.Contains(timer.Inputs, b => b.Type == "durableClient");
            Assert.True(schedules.TryGetProperty(job, out _), $"host.json has no schedule for {job}");
        }
    }
}
