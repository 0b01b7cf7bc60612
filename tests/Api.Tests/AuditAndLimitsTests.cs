using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.Testing;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>Every change is audited, allowed or not; the endpoints people can hammer are rate limited.</summary>
public sealed class AuditAndLimitsTests : IAsyncLifetime
{
    AzuriteServer azurite = null!;
    ApiHost host = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        host = await ApiHost.StartAsync(azurite, "audit", new Dictionary<string, string?> { ["Api:RateLimits:SubmitPerMinute"] = "3", ["Api:RateLimits:SitePerMinute"] = "5" });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Mutating_requests_are_audited_with_who_role_what_target_and_outcome_and_ops_can_query_them()
    {
        using HttpClient coordinator = host.As(Roles.Coordinator, "th-ubnd");
        using HttpClient intruder = host.As(Roles.Technician, "th-d-bim-son");
        using HttpClient ops = host.As(Roles.Ops);
        string id = await coordinator.SubmitAsync(Http.Meeting(days: 3, sites: ["th-d-nga-son"]));
        using HttpResponseMessage forbidden = await intruder.PostAsJsonAsync($"api/meetings/{id}/cancel", new { reason = "phá" });
        using HttpResponseMessage anonymous = await host.Anonymous().PostAsJsonAsync("api/meetings", Http.Meeting());
        await coordinator.GetAsync($"api/meetings/{id}"); // reads are not audited

        JsonElement all = await ops.GetFromJsonAsync<JsonElement>("api/audit");
        JsonElement mine = await ops.GetFromJsonAsync<JsonElement>("api/audit?user=coordinator@th-ubnd");
        using HttpResponseMessage byTechnician = await intruder.GetAsync("api/audit");

        JsonElement submit = all.EnumerateArray().Single(e => e.GetProperty("target").GetString() == "/api/meetings" && e.GetProperty("status").GetInt32() == 202);
        Assert.Equal("coordinator@th-ubnd", submit.GetProperty("user").GetString());
        Assert.Equal(["coordinator"], submit.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("POST", submit.GetProperty("method").GetString());
        Assert.Equal("succeeded", submit.GetProperty("outcome").GetString());
        JsonElement refused = all.EnumerateArray().Single(e => e.GetProperty("target").GetString() == $"/api/meetings/{id}/cancel");
        Assert.Equal(("technician@th-d-bim-son", "forbidden", 403), (refused.GetProperty("user").GetString(), refused.GetProperty("outcome").GetString(), refused.GetProperty("status").GetInt32()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain(all.EnumerateArray(), e => e.GetProperty("user").GetString() == "anonymous"); // refused without a storage write
        Assert.DoesNotContain(all.EnumerateArray(), e => e.GetProperty("method").GetString() == "GET");
        Assert.All(mine.EnumerateArray(), e => Assert.Equal("coordinator@th-ubnd", e.GetProperty("user").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, byTechnician.StatusCode);
        DateTime first = all[all.GetArrayLength() - 1].GetProperty("atUtc").GetDateTime(), last = all[0].GetProperty("atUtc").GetDateTime();
        Assert.True(last >= first, "newest first");

        // Target prefix and time range, as the ops history page asks: the storage service filters, bounds included as documented.
        DateTime submittedAt = submit.GetProperty("atUtc").GetDateTime();
        string at = submittedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        JsonElement underMeeting = await ops.GetFromJsonAsync<JsonElement>($"api/audit?target={Uri.EscapeDataString($"/api/meetings/{id}")}");
        JsonElement fromSubmit = await ops.GetFromJsonAsync<JsonElement>($"api/audit?from={Uri.EscapeDataString(at)}&user=coordinator@th-ubnd");
        JsonElement beforeSubmit = await ops.GetFromJsonAsync<JsonElement>($"api/audit?to={Uri.EscapeDataString(at)}&user=coordinator@th-ubnd");
        Assert.Equal([$"/api/meetings/{id}/cancel"], underMeeting.EnumerateArray().Select(e => e.GetProperty("target").GetString()));
        Assert.Contains(fromSubmit.EnumerateArray(), e => e.GetProperty("atUtc").GetDateTime() == submittedAt); // from is inclusive
        Assert.DoesNotContain(beforeSubmit.EnumerateArray(), e => e.GetProperty("atUtc").GetDateTime() == submittedAt); // to is exclusive
    }

    [Fact]
    public async Task An_anonymous_flood_of_changing_requests_is_refused_without_writing_an_audit_row()
    {
        using HttpClient ops = host.As(Roles.Ops);
        using HttpClient anonymous = host.Anonymous();
        using HttpResponseMessage signedIn = await ops.PostAsync("runtime/instances/nobody/terminate", null); // one row to see the table works
        int before = (await ops.GetFromJsonAsync<JsonElement>("api/audit")).GetArrayLength();

        for (int i = 0; i < 60; i++)
        {
            using HttpResponseMessage refused = await anonymous.PostAsJsonAsync(i % 2 == 0 ? "api/meetings" : "runtime/instances/x/terminate", new { });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(1, before);
        Assert.Equal(before, (await ops.GetFromJsonAsync<JsonElement>("api/audit")).GetArrayLength());
    }

    [Fact]
    public async Task Submitting_and_site_reports_are_rate_limited_per_user_with_Retry_After()
    {
        using HttpClient coordinator = host.As(Roles.Coordinator, "th-hdnd");
        using HttpClient other = host.As(Roles.Coordinator, "th-mttq");
        var answers = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            using HttpResponseMessage r = await coordinator.PostAsJsonAsync("api/meetings", new { hostUnitId = "th-hdnd" }); // invalid on purpose: limits come first
            answers.Add(r.StatusCode);
        }

        using HttpResponseMessage limited = await coordinator.PostAsJsonAsync("api/meetings", new { hostUnitId = "th-hdnd" });
        using HttpResponseMessage someoneElse = await other.PostAsJsonAsync("api/meetings", new { hostUnitId = "th-mttq" });
        using HttpClient technician = host.As(Roles.Technician, "th-d-nga-son");
        var site = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            using HttpResponseMessage r = await technician.PostAsJsonAsync("api/meetings/mtg-none/sites/th-d-nga-son/readiness", new { });
            site.Add(r.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, someoneElse.StatusCode);
        Assert.Equal(5, site.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, site[^1]);
    }
}
