using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Registry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>
/// Hundreds of generated bad requests across every endpoint that takes input: broken JSON, every field given a wrong
/// type or removed or oversized, unknown fields, bad query and route values, oversize and mistyped bodies. None may
/// answer 5xx, every refusal is a problem naming the field and the rule, and storage is exactly as before.
/// </summary>
public sealed class MalformedInputTests(PlannedMeetingFixture fixture) : IClassFixture<PlannedMeetingFixture>
{
    ApiHost Host => fixture.Host;

    string MeetingId => fixture.MeetingId;

    enum Kind { Text, Bool, Date, Enum, Object, List }

    /// <summary>A field of a body: its valid value, its type, and whether it may be left out.</summary>
    sealed record Field(string Name, JsonNode Valid, Kind Kind, bool Required = true);

    static readonly string Huge = new('x', 10_000);

    /// <summary>Values of the wrong type for each kind, and values of the right type that break a rule.</summary>
    static IEnumerable<JsonNode?> WrongValues(Kind kind) => kind switch
    {
        Kind.Text => [12345, true, new JsonArray(), new JsonObject(), null, Huge],
        Kind.Bool => ["yes", 1, new JsonArray(), new JsonObject(), null],
        Kind.Date => ["tomorrow", 20261124, true, "2026-02-30T08:00:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59", null],
        Kind.Enum => ["Nope", 7, null, new JsonArray()],
        Kind.Object => ["all", 3, new JsonArray(), null, new JsonObject { ["siteIds"] = "th-d-nga-son" }, new JsonObject { ["allDistricts"] = "yes" }],
        _ => ["one", 3, new JsonObject(), new JsonArray(1, 2), new JsonArray(Huge)],
    };

    static IEnumerable<string> Bodies(IReadOnlyList<Field> fields)
    {
        JsonObject Valid() => new(fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Valid.DeepClone())));
        foreach (Field field in fields)
        {
            foreach (JsonNode? wrong in WrongValues(field.Kind).Where(v => v is not null || field.Required)) // null is a valid "left out" for optional fields
            {
                JsonObject body = Valid();
                body[field.Name] = wrong?.DeepClone();
                yield return body.ToJsonString();
            }

            if (field.Required)
            {
                JsonObject without = Valid();
                without.Remove(field.Name);
                yield return without.ToJsonString();
            }
        }

        JsonObject unknown = Valid();
        unknown["unexpected"] = 1;
        yield return unknown.ToJsonString();
        foreach (string broken in new[] { "", "{", "}", "[]", "null", "42", "\"text\"", "{\"a\":}", "{'single':'quotes'}", "\u0001\u0002binary", "{\"title\":\"x\"\"kind\":1}" })
        {
            yield return broken;
        }
    }

    // Valid values that, combined with any single broken field, must still never be accepted.
    static string Local(int days, int hour) => DateTime.Now.Date.AddDays(days).AddHours(hour).ToString("s", System.Globalization.CultureInfo.InvariantCulture);

    IEnumerable<(string Method, string Path, IReadOnlyList<Field> Fields)> BodyEndpoints()
    {
        string m = $"api/meetings/{MeetingId}";
        string site = $"{m}/sites/th-d-nga-son";
        yield return ("POST", "api/meetings",
        [
            new("hostUnitId", "th-ubnd", Kind.Text), new("title", "Hội nghị", Kind.Text), new("kind", "Planned", Kind.Enum),
            new("localStart", Local(3, 8), Kind.Date), new("localEnd", Local(3, 11), Kind.Date), new("sites", new JsonObject { ["siteIds"] = new JsonArray("th-d-nga-son") }, Kind.Object),
            new("chairSiteId", "th-p-ubnd", Kind.Text, Required: false), new("scriptUrl", "https://example.gov.vn/kb.pdf", Kind.Text, Required: false),
            new("documentUrls", new JsonArray("https://example.gov.vn/a.pdf"), Kind.List, Required: false), new("localRehearsal", Local(2, 15), Kind.Date, Required: false),
        ]);
        yield return ("POST", $"{m}/cancel", [new("reason", "Trùng lịch", Kind.Text)]);
        yield return ("POST", $"{m}/reschedule", [new("localStart", Local(3, 8), Kind.Date), new("localEnd", Local(3, 11), Kind.Date)]);
        yield return ("POST", $"{site}/tests/first", [new("audio", true, Kind.Bool), new("video", true, Kind.Bool), new("notes", "tốt", Kind.Text, Required: false)]);
        yield return ("POST", $"{site}/readiness", [new("notes", "sẵn sàng", Kind.Text, Required: false)]);
        yield return ("POST", $"{site}/speaking-requests", [new("topic", "Đê điều", Kind.Text, Required: false)]);
        yield return ("POST", $"{site}/incidents", [new("kind", "DroppedCall", Kind.Enum), new("description", "Mất tín hiệu", Kind.Text)]);
        yield return ("POST", $"{site}/incidents/none/resolve", [new("resolution", "Đã xử lý", Kind.Text)]);
        yield return ("POST", $"{site}/evaluation", [new("quality", "good", Kind.Text), new("faults", new JsonArray("tiếng vọng"), Kind.List, Required: false)]);
        yield return ("POST", $"{m}/chair/bring-to-chair", [new("siteId", "th-d-nga-son", Kind.Text)]);
        Field[] technician =
        [
            new("id", "th-d-nga-son-t9", Kind.Text), new("siteId", "th-d-nga-son", Kind.Text), new("name", "Trần Văn B", Kind.Text), new("unitId", "th-ubnd-nga-son", Kind.Text),
            new("title", "Chuyên viên", Kind.Text), new("phone", "0912345678", Kind.Text), new("email", "b@th.example.gov.vn", Kind.Text), new("affiliation", "Other", Kind.Enum),
        ];
        yield return ("POST", "api/registry/technicians", technician);
        yield return ("POST", "api/registry/technicians/th-d-nga-son-t1/replace", technician);
    }

    IEnumerable<string> BadQueries()
    {
        string[] meetingLists = ["top=abc", "top=0", "top=100000", "from=garbage", "to=2026-99-01", "from=0001-01-01&to=0001-01-02", "from=2026-12-01&to=2026-11-01",
            "from=2026-01-01&to=2028-01-01", "status=Sleeping", "continuationToken=%%%", "continuationToken=c2tpcDotMQ=="];
        foreach (string q in meetingLists)
        {
            yield return $"api/meetings?{q}";
        }

        yield return $"api/meetings/{MeetingId}?siteTop=0";
        yield return $"api/meetings/{MeetingId}?siteSkip=-1";
        yield return $"api/meetings/{MeetingId}?siteTop=x";
        foreach (string q in new[] { "top=x", "top=0", "runtimeStatus=7", "runtimeStatus=Sleeping", "createdTimeFrom=yesterday", "createdTimeFrom=0001-01-01T00:00:00Z",
            "createdTimeFrom=2026-12-01T00:00:00Z&createdTimeTo=2026-11-01T00:00:00Z", "showInput=maybe" })
        {
            yield return $"runtime/instances?{q}";
        }

        yield return $"runtime/instances/{MeetingId}?showHistory=perhaps";
        yield return $"runtime/instances/{new string('a', 300)}";
        yield return "api/audit?from=x";
        yield return "api/audit?top=5000";
        yield return "api/audit?from=2026-01-01&to=2025-01-01";
        yield return "api/registry/sites?level=Galaxy";
        yield return "api/registry/units?kind=7";
        yield return "api/registry/units?kind=Nobody";
        yield return "api/registry/sites/th-d-nga-son/bookings?from=garbage";
        yield return "api/registry/sites/th-d-nga-son/bookings?from=0001-01-01";
        yield return "api/registry/technicians?active=sometimes";
    }

    [Fact]
    public async Task Hundreds_of_bad_requests_get_problems_naming_field_and_rule_and_change_nothing()
    {
        using HttpClient admin = Host.As(Roles.Admin);
        string before = await SnapshotAsync();
        var failures = new List<string>();
        int sent = 0;

        async Task CheckAsync(HttpRequestMessage request, string what)
        {
            sent++;
            using HttpResponseMessage response = await admin.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            int status = (int)response.StatusCode;
            if (status >= 500 || status < 400)
            {
                failures.Add($"{what}: {status} {text[..Math.Min(200, text.Length)]}");
                return;
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{what}: {status} is not a problem response");
                return;
            }

            if (status is 400 or 413 or 422)
            {
                JsonElement problem = JsonDocument.Parse(text).RootElement;
                if (!problem.TryGetProperty("errors", out JsonElement errors) || errors.GetArrayLength() == 0
                    || errors.EnumerateArray().Any(e => string.IsNullOrEmpty(e.GetProperty("field").GetString()) || string.IsNullOrEmpty(e.GetProperty("rule").GetString())))
                {
                    failures.Add($"{what}: {status} without field and rule: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }

        foreach (var (method, path, fields) in BodyEndpoints())
        {
            foreach (string body in Bodies(fields))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                await CheckAsync(request, $"{method} {path} {body[..Math.Min(120, body.Length)]}");
            }

            using var oversize = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent($"{{\"title\":\"{new string('x', 2 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"),
                Headers = { ExpectContinue = true }, // as browsers and SDKs send large uploads: the server refuses before the body travels
            };
            await CheckAsync(oversize, $"{method} {path} 2 MB body");
            using var plain = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("hello", Encoding.UTF8, "text/plain") };
            await CheckAsync(plain, $"{method} {path} text/plain");
        }

        foreach (string query in BadQueries())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, query);
            await CheckAsync(request, $"GET {query}");
        }

        foreach (string raise in new[] { "{", "{\"a\":}", "\u0001", "{\"action\":\"Dance\"}", "{\"reason\":\"không có action\"}", "{\"action\":\"Cancel\",\"reason\":\" \"}",
            "{\"action\":\"Reschedule\",\"localStart\":\"2027-01-02T10:00:00\",\"localEnd\":\"2027-01-02T09:00:00\"}", "{\"action\":\"BringToChair\",\"siteId\":7}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"runtime/instances/{MeetingId}/raiseEvent/Control") { Content = new StringContent(raise, Encoding.UTF8, "application/json") };
            await CheckAsync(request, $"raiseEvent {raise}");
        }

        Assert.True(sent >= 300, $"only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad requests were mishandled:\n{string.Join('\n', failures.Take(40))}");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("GET", "api/meetings/a%5Cb", "id")]
    [InlineData("GET", "api/meetings/a%23b/notices", "id")]
    [InlineData("GET", "api/registry/sites/th%5Cd/bookings", "siteId")]
    [InlineData("GET", "api/sites/s%3F1/logbook", "siteId")]
    [InlineData("POST", "api/registry/technicians/t%5C1/replace", "technicianId")]
    public async Task Ids_that_storage_keys_cannot_hold_answer_400_naming_the_route_value(string method, string path, string field)
    {
        using HttpClient admin = Host.As(Roles.Admin);

        using HttpResponseMessage response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((field, "format"), await response.ErrorsAsync());
    }

    /// <summary>Everything a request could have written: meetings, the meeting's sites and floor, technicians, instances, the meeting's history.</summary>
    async Task<string> SnapshotAsync()
    {
        var directory = Host.Services.GetRequiredService<IMeetingDirectory>();
        var store = Host.Services.GetRequiredService<IMeetingStore>();
        var client = Host.Services.GetRequiredService<DurableTaskClient>();
        var registry = Host.Services.GetRequiredService<IRegistry>();
        var meetings = await directory.StartingAsync(DateTime.UtcNow.AddYears(-1), DateTime.UtcNow.AddYears(1), default);
        var sites = await store.ReadSitesAsync(MeetingId, default);
        var floor = await store.ReadFloorAsync(MeetingId, default);
        var incidents = await store.ReadIncidentsAsync(MeetingId, default);
        var technicians = (await registry.ReadAsync(default)).Technicians;
        var instances = new List<string>();
        await foreach (OrchestrationMetadata i in client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            instances.Add(i.InstanceId);
        }

        var history = await client.GetOrchestrationHistoryAsync(MeetingId);
        return JsonSerializer.Serialize(new
        {
            meetings = meetings.Select(m => new { m.MeetingId, m.StartUtc, m.Phase }),
            sites,
            floor,
            incidents,
            technicians = technicians.OrderBy(t => t.Id, StringComparer.Ordinal),
            instances = instances.Order(StringComparer.Ordinal),
            raised = history.OfType<DurableTask.Core.History.EventRaisedEvent>().Count(),
        });
    }
}
