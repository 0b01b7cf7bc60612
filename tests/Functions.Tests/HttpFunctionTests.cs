using System.Text.Json;
using Hntt.App.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Hntt.Functions.Tests;

/// <summary>
/// Every HTTP function refuses a caller without a token (401) and a role its endpoint does not admit (403), and
/// answers bad input with a problem naming the field (400) — through the function method itself, with the durable
/// client the Functions host would bind mocked. The API's behaviour in depth is tested on the local host (Api.Tests);
/// these show each trigger reaches it, with the same rules.
/// </summary>
public sealed class HttpFunctionTests(FunctionsFixture fixture) : IClassFixture<FunctionsFixture>
{
    static readonly string[] Anonymous = ["Liveness", "Readiness", "OpenApiDocument", "ApiReference"];

    // Functions with nothing a caller can get wrong: no route id, no query, no body.
    static readonly string[] TakeNoInput = ["Liveness", "Readiness", "OpenApiDocument", "ApiReference", "ListMcus", "ListPoisonMessages"];

    // Input that breaks a rule, for the functions without an id in their route; the field the problem must name.
    static readonly Dictionary<string, (string Query, string? Body, string Field)> BadInput = new()
    {
        ["SubmitMeeting"] = ("", """{"hostUnitId": "th-ubnd", "title": "", "kind": "Planned", "localStart": "2027-03-02T08:00:00", "localEnd": "2027-03-02T11:00:00", "sites": {"allDistricts": true}}""", "title"),
        ["ListMeetings"] = ("?top=0", null, "top"),
        ["QueryInstances"] = ("?top=0", null, "top"),
        ["PurgeInstances"] = ("?runtimeStatus=Completed", null, "createdTimeFrom"),
        ["ListUnits"] = ("?kind=Ministry", null, "kind"),
        ["ListSites"] = ("?level=Planet", null, "level"),
        ["ListTechnicians"] = ("?active=perhaps", null, "active"),
        ["AddTechnician"] = ("", """{"id": "", "siteId": "nowhere", "name": "", "unitId": "th-stttt", "title": "", "phone": "1", "email": "x", "affiliation": "PartyCommittee"}""", "id"),
        ["ReadAudit"] = ("?top=0", null, "top"),
        ["PlanInspection"] = ("", """{"siteId": "th-d-nga-son", "plannedAt": "2026-12-10T08:00:00", "adHoc": false, "inspector": ""}""", "inspector"),
        ["ListInspections"] = ("?siteId=a%7Cb", null, "siteId"),
        ["GetNetworkReport"] = ("?year=1999", null, "year"),
        ["GetNetworkReportDocument"] = ("?year=2026&month=13", null, "month"),
    };

    /// <summary>The route's first id parameter (<c>id</c>, <c>siteId</c>, <c>instanceId</c>, …), if it has one.</summary>
    static string? IdParameter(string route) => route.Split('/')
        .Where(s => s.StartsWith('{') && s.EndsWith('}') && s.EndsWith("id}", StringComparison.OrdinalIgnoreCase)).Select(s => s[1..^1]).FirstOrDefault();

    /// <summary>A concrete path for a route template (valid ids, or <paramref name="badId"/> in the first id).</summary>
    static string PathOf(string route, string? badId = null)
    {
        string? bad = badId is null ? null : $"{{{IdParameter(route)}}}";
        string[] segments = [.. route.Split('/').Select(segment => segment switch
        {
            _ when segment == bad => Uri.EscapeDataString(badId!),
            _ when !segment.StartsWith('{') => segment,
            "{stage}" => "first",
            "{eventName}" => "Approval",
            "{siteId}" => "th-d-thanh-hoa",
            "{documentName}.json" => "v1.json",
            "{*path}" => "",
            _ => "x-1",
        })];
        return "/" + string.Join('/', segments).TrimEnd('/');
    }

    [Fact]
    public async Task Every_function_but_the_probes_and_the_description_refuses_a_caller_without_a_token()
    {
        var wrong = new List<string>();
        foreach (var (name, method, route) in FunctionsApp.HttpFunctions.Where(f => !Anonymous.Contains(f.Name)))
        {
            Answer answer = await fixture.App.CallAsync(name, method, PathOf(route));
            if (answer.Status != 401 || answer.ContentType != "application/problem+json")
            {
                wrong.Add($"{name}: {answer.Status} {answer.ContentType}");
            }
        }

        Assert.True(FunctionsApp.HttpFunctions.Count >= 42, $"{FunctionsApp.HttpFunctions.Count} HTTP functions");
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_function_refuses_a_role_its_endpoint_does_not_admit()
    {
        Assert.Equal(200, (await fixture.App.CallAsync("Liveness", "GET", "/healthz")).Status); // builds the API's pipeline
        IReadOnlyList<Endpoint> endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var wrong = new List<string>();
        int checkedFunctions = 0;
        foreach (var (name, method, route) in FunctionsApp.HttpFunctions.Where(f => !Anonymous.Contains(f.Name)))
        {
            Endpoint endpoint = endpoints.Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name);
            string policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Single(p => p is not null)!;
            if (Roles.All.Except(Access.RolesFor[policy]).FirstOrDefault() is not { } outsider)
            {
                continue; // everyone signed in may (reading the registry, the meetings they see)
            }

            checkedFunctions++;
            Answer answer = await fixture.App.CallAsync(name, method, PathOf(route), fixture.App.Token(outsider, "th-ubnd"));
            if (answer.Status != 403 || answer.ContentType != "application/problem+json")
            {
                wrong.Add($"{name} as {outsider}: {answer.Status}");
            }
        }

        Assert.True(checkedFunctions >= 25, $"{checkedFunctions} functions admit only some roles");
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_function_that_takes_input_answers_a_bad_one_with_a_problem_naming_the_field()
    {
        string admin = fixture.App.Token(Roles.Admin);
        var wrong = new List<string>();
        foreach (var (name, method, route) in FunctionsApp.HttpFunctions.Where(f => !TakeNoInput.Contains(f.Name)))
        {
            string? id = IdParameter(route);
            Assert.True(id is not null || BadInput.ContainsKey(name), $"{name} takes input but has no bad-input case here");
            (string path, string? body, string field) = id is not null
                ? (PathOf(route, badId: "a|b"), null, id)
                : (PathOf(route) + BadInput[name].Query, BadInput[name].Body, BadInput[name].Field);
            Answer answer = await fixture.App.CallAsync(name, method, path, admin, body);
            if (answer.Status != 400 || answer.ContentType != "application/problem+json" || !answer.ErrorFields.Contains(field))
            {
                wrong.Add($"{name}: {answer.Status} [{string.Join(", ", answer.ErrorFields)}] (expected {field}) {answer.Body[..Math.Min(600, answer.Body.Length)]}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        fixture.App.Client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never); // nothing half-done: a refused request starts nothing
    }
}
