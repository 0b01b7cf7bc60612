using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>
/// Who may do what (TH Art. 3, SL I.5: access rights per operator), as one table: every endpoint, every kind of
/// caller, allowed or forbidden. The meeting under test is hosted by the PPC (th-ubnd), chaired from th-p-ubnd,
/// with Nga Sơn and Hà Trung taking part; "allowed" means the endpoint's own answer, "forbidden" 403, no token 401.
/// </summary>
public sealed class AccessMatrixTests(PlannedMeetingFixture fixture) : IClassFixture<PlannedMeetingFixture>
{
    /// <summary>The callers: a role and its scope.</summary>
    static readonly Dictionary<string, (string Role, string[] Scope)> Callers = new()
    {
        ["coordinator:host"] = (Roles.Coordinator, ["th-ubnd"]),
        ["coordinator:other"] = (Roles.Coordinator, ["th-syt"]),
        ["dic"] = (Roles.Dic, []),
        ["ppc"] = (Roles.PpcOffice, []),
        ["technician:site"] = (Roles.Technician, ["th-d-nga-son"]),
        ["technician:chair"] = (Roles.Technician, ["th-p-ubnd"]),
        ["technician:other"] = (Roles.Technician, ["th-d-bim-son"]),
        ["ops"] = (Roles.Ops, []),
        ["admin"] = (Roles.Admin, []),
        ["auditor"] = (Roles.Auditor, []),
    };

    static readonly string[] Everyone = [.. Callers.Keys];
    static readonly string[] SeesMeeting = ["coordinator:host", "dic", "ppc", "technician:site", "technician:chair", "ops", "admin", "auditor"];
    static readonly string[] HostsMeeting = ["coordinator:host", "ppc", "admin"];
    static readonly string[] OverseesMeeting = ["coordinator:host", "dic", "ppc", "ops", "admin", "auditor"];
    static readonly string[] OperatesSite = ["technician:site", "ops", "admin"];
    static readonly string[] DrivesChair = ["technician:chair", "ops", "admin"];
    static readonly string[] RunsRuntime = ["ops", "admin"];
    static readonly string[] ReadsRuntime = ["ops", "admin", "auditor"];

    /// <summary>The table: endpoint, the status an allowed caller gets, and who is allowed. {M} is the meeting, {N} a fresh number.</summary>
    static readonly (string Method, string Path, string? Body, HttpStatusCode Allowed, string[] Who)[] Table =
    [
        ("GET", "api/meetings", null, HttpStatusCode.OK, Everyone),
        ("GET", "api/meetings/{M}", null, HttpStatusCode.OK, SeesMeeting),
        ("POST", "api/meetings", "{MEETING}", HttpStatusCode.Accepted, HostsMeeting),
        ("POST", "api/meetings/{M}/cancel", """{"reason":""}""", HttpStatusCode.BadRequest, HostsMeeting),
        ("POST", "api/meetings/{M}/reschedule", """{"localStart":"2030-01-02T08:00:00","localEnd":"2030-01-02T07:00:00"}""", HttpStatusCode.BadRequest, HostsMeeting),
        ("POST", "api/meetings/{M}/sites/th-d-nga-son/tests/first", """{"audio":true,"video":true}""", HttpStatusCode.NoContent, OperatesSite),
        ("POST", "api/meetings/{M}/sites/th-d-nga-son/readiness", "{}", HttpStatusCode.NoContent, OperatesSite),
        ("POST", "api/meetings/{M}/sites/th-d-nga-son/speaking-requests", """{"topic":"x"}""", HttpStatusCode.NoContent, OperatesSite),
        ("POST", "api/meetings/{M}/sites/th-d-nga-son/incidents/none/resolve", """{"resolution":"x"}""", HttpStatusCode.NotFound, OperatesSite),
        ("GET", "api/meetings/{M}/notices", null, HttpStatusCode.OK, OverseesMeeting), // recipients' addresses, numbers, mail errors
        ("GET", "api/meetings/{M}/call-list", null, HttpStatusCode.OK, OverseesMeeting),
        ("GET", "api/meetings/{M}/chair/speaking-requests", null, HttpStatusCode.OK, SeesMeeting),
        ("GET", "api/meetings/{M}/chair/incidents", null, HttpStatusCode.OK, SeesMeeting),
        ("POST", "api/meetings/{M}/chair/speaking-requests/th-d-bim-son/grant", null, HttpStatusCode.NotFound, DrivesChair),
        ("POST", "api/meetings/{M}/chair/bring-to-chair", """{"siteId":"th-d-ha-trung"}""", HttpStatusCode.Accepted, DrivesChair),
        ("GET", "api/sites/th-d-nga-son/logbook", null, HttpStatusCode.OK, ["dic", "ppc", "technician:site", "ops", "admin", "auditor"]),
        ("GET", "api/registry/sites", null, HttpStatusCode.OK, Everyone),
        ("GET", "api/registry/technicians?siteId=th-d-nga-son", null, HttpStatusCode.OK, Everyone),
        ("POST", "api/registry/technicians", """{"id":"","siteId":"","name":"","unitId":"","title":"","phone":"","email":"","affiliation":"Other"}""",
            HttpStatusCode.BadRequest, ["dic", "admin"]),
        ("GET", "runtime/instances", null, HttpStatusCode.OK, ReadsRuntime),
        ("GET", "runtime/instances/{M}", null, HttpStatusCode.Accepted, ReadsRuntime),
        ("POST", "runtime/instances/nobody/terminate", null, HttpStatusCode.NotFound, RunsRuntime),
        ("POST", "runtime/instances/nobody/raiseEvent/Poke", "{}", HttpStatusCode.NotFound, RunsRuntime),
        ("DELETE", "runtime/instances/nobody", null, HttpStatusCode.NotFound, RunsRuntime),
        ("POST", "runtime/instances/nobody/restart", null, HttpStatusCode.NotFound, RunsRuntime),
        ("GET", "runtime/poison", null, HttpStatusCode.OK, ReadsRuntime),
        ("GET", "api/audit", null, HttpStatusCode.OK, ReadsRuntime),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (method, path, _, _, _) in Table)
        {
            foreach (string caller in Callers.Keys.Append("anonymous").Append("forged"))
            {
                cases.Add(method, path, caller);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_endpoint_admits_exactly_the_roles_and_scopes_in_the_table(string method, string path, string caller)
    {
        var row = Table.Single(r => r.Method == method && r.Path == path);
        using HttpClient client = caller switch
        {
            "anonymous" => fixture.Host.Anonymous(),
            "forged" => fixture.Host.Forged(Roles.Admin),
            _ => fixture.Host.As(Callers[caller].Role, Callers[caller].Scope),
        };
        string? body = row.Body == "{MEETING}" ? JsonSerializer.Serialize(Http.Meeting(days: fixture.NextDay(), title: $"Ma trận quyền {caller}")) : row.Body;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{M}", fixture.MeetingId, StringComparison.Ordinal))
        {
            Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using HttpResponseMessage response = await client.SendAsync(request);

        HttpStatusCode expected = caller is "anonymous" or "forged" ? HttpStatusCode.Unauthorized
            : row.Who.Contains(caller) ? row.Allowed : HttpStatusCode.Forbidden;
        Assert.True(expected == response.StatusCode, $"{caller} {method} {path}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Health_the_API_page_and_the_OpenAPI_document_are_the_only_anonymous_endpoints()
    {
        using HttpClient anonymous = fixture.Host.Anonymous();

        JsonElement openApi = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        using HttpResponseMessage healthz = await anonymous.GetAsync("healthz");
        using HttpResponseMessage readyz = await anonymous.GetAsync("readyz");
        using HttpResponseMessage docs = await anonymous.GetAsync("api/docs");

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        string[] paths = [.. openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name)];
        Assert.Contains("/api/meetings", paths);
        Assert.Contains("/runtime/instances/{instanceId}", paths);
        // A command's body is its own fields: the route names the command, clients send no "action".
        JsonElement cancel = openApi.GetProperty("components").GetProperty("schemas").GetProperty("CancelMeeting");
        Assert.Equal(["reason"], cancel.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(cancel.GetProperty("properties").TryGetProperty("action", out _), cancel.ToString());
        // Every documented path outside health answers 401 without a token.
        foreach (string path in paths.Where(p => !p.StartsWith("/healthz", StringComparison.Ordinal) && !p.StartsWith("/readyz", StringComparison.Ordinal)))
        {
            JsonElement operations = openApi.GetProperty("paths").GetProperty(path);
            foreach (JsonProperty operation in operations.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), path.TrimStart('/').Replace("{", "x", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal));
                using HttpResponseMessage response = await anonymous.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation.Name} {path} answered {(int)response.StatusCode} without a token");
            }
        }
    }
}
