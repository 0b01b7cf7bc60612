using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.App.Relay;
using Hntt.Testing;
using Microsoft.Extensions.DependencyInjection;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>Site technicians report; the chair-site technician runs the floor (TH Art. 10.3, 11.1, 11.2; SL II.1 steps 5–6).</summary>
public sealed class SiteAndChairApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    ApiHost Host => fixture.Host;

    async Task<string> PlannedMeetingAsync(int days, params string[] sites)
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");
        string id = await coordinator.SubmitAsync(Http.Meeting(days: days, sites: sites));
        await coordinator.PhaseAsync(id, "Preparing");
        return id;
    }

    [Fact]
    public async Task Technicians_report_tests_and_readiness_and_the_coordinator_sees_them_TH_Art_11_1()
    {
        string id = await PlannedMeetingAsync(3, "th-d-nga-son", "th-d-ha-trung");
        using HttpClient nga = Host.As(Roles.Technician, "th-d-nga-son");
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");

        using HttpResponseMessage first = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/tests/first", new { audio = true, video = false, notes = "mất hình" });
        using HttpResponseMessage second = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/tests/second", new { audio = true, video = true });
        using HttpResponseMessage ready = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/readiness", new { notes = "sẵn sàng" });
        using HttpResponseMessage badStage = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/tests/third", new { audio = true, video = true });
        using HttpResponseMessage notInMeeting = await Host.As(Roles.Technician, "th-d-bim-son").PostAsJsonAsync($"api/meetings/{id}/sites/th-d-bim-son/readiness", new { });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ready.StatusCode);
        Assert.Contains(("stage", "oneOf"), await badStage.ErrorsAsync());
        Assert.Equal(HttpStatusCode.NotFound, notInMeeting.StatusCode);
        JsonElement site = (await coordinator.GetFromJsonAsync<JsonElement>($"api/meetings/{id}")).GetProperty("sites").EnumerateArray()
            .Single(s => s.GetProperty("siteId").GetString() == "th-d-nga-son");
        Assert.False(site.GetProperty("firstTest").GetProperty("video").GetBoolean());
        Assert.Equal("mất hình", site.GetProperty("firstTest").GetProperty("notes").GetString());
        Assert.True(site.GetProperty("secondTest").GetProperty("audio").GetBoolean());
        Assert.True(site.GetProperty("ready").GetProperty("video").GetBoolean());
    }

    [Fact]
    public async Task The_chair_sees_speaking_requests_in_order_grants_the_floor_and_brings_a_site_up_TH_Art_10_3()
    {
        string id = await PlannedMeetingAsync(4, "th-d-nga-son", "th-d-ha-trung");
        using HttpClient chair = Host.As(Roles.Technician, "th-p-ubnd");

        using HttpResponseMessage ha = await Host.As(Roles.Technician, "th-d-ha-trung").PostAsJsonAsync($"api/meetings/{id}/sites/th-d-ha-trung/speaking-requests", new { topic = "Tình hình lũ" });
        using HttpResponseMessage nga = await Host.As(Roles.Technician, "th-d-nga-son").PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/speaking-requests", new { topic = "Đê biển" });
        JsonElement queue = await chair.GetFromJsonAsync<JsonElement>($"api/meetings/{id}/chair/speaking-requests");
        using HttpResponseMessage grant = await chair.PostAsync($"api/meetings/{id}/chair/speaking-requests/th-d-ha-trung/grant", null);
        using HttpResponseMessage grantAgain = await chair.PostAsync($"api/meetings/{id}/chair/speaking-requests/th-d-ha-trung/grant", null);
        using HttpResponseMessage bring = await chair.PostAsJsonAsync($"api/meetings/{id}/chair/bring-to-chair", new { siteId = "th-d-nga-son" });
        using HttpResponseMessage bringStranger = await chair.PostAsJsonAsync($"api/meetings/{id}/chair/bring-to-chair", new { siteId = "th-d-bim-son" });
        using HttpResponseMessage satelliteBrings = await Host.As(Roles.Technician, "th-d-nga-son").PostAsJsonAsync($"api/meetings/{id}/chair/bring-to-chair", new { siteId = "th-d-nga-son" });

        Assert.Equal(["th-d-ha-trung", "th-d-nga-son"], queue.EnumerateArray().Select(r => r.GetProperty("siteId").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, grant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, grantAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, bring.StatusCode);
        Assert.Contains(("siteId", "inMeeting"), await bringStranger.ErrorsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, satelliteBrings.StatusCode);
        var relay = (RecordingRelayClient)Host.Services.GetRequiredService<IRelayClient>();
        await Eventually.HoldsAsync(() => Task.FromResult(relay.Commands.Any(c => c.MeetingId == id && c.Command == "bring-to-chair" && c.Target == "th-d-nga-son")),
            TimeSpan.FromSeconds(30), "the relay was asked to bring Nga Sơn up");
    }

    [Fact]
    public async Task Incidents_are_reported_to_PPC_Office_and_DIC_and_resolved_SL_II_1_step_6()
    {
        string id = await PlannedMeetingAsync(5, "th-d-nga-son");
        using HttpClient nga = Host.As(Roles.Technician, "th-d-nga-son");
        using HttpClient dic = Host.As(Roles.Dic);

        using HttpResponseMessage reported = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/incidents", new { kind = "DroppedCall", description = "Mất kết nối đường truyền" });
        string incident = (await reported.BodyAsync()).GetProperty("id").GetString()!;
        using HttpResponseMessage badKind = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/incidents", new { kind = "Fire", description = "x" });
        await Eventually.HoldsAsync(() => Task.FromResult(Host.Notices.Sent.Any(n => n.Notice.MeetingId == id && n.Notice.Kind == Hntt.App.Notices.NoticeKind.IncidentReport)),
            TimeSpan.FromSeconds(30), "PPC Office and DIC are told");
        JsonElement open = await dic.GetFromJsonAsync<JsonElement>($"api/meetings/{id}/chair/incidents");
        using HttpResponseMessage resolved = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/incidents/{incident}/resolve", new { resolution = "Khởi động lại bộ codec" });
        JsonElement board = await dic.GetFromJsonAsync<JsonElement>($"api/meetings/{id}/chair/incidents");
        using HttpResponseMessage evaluation = await nga.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-nga-son/evaluation", new { quality = "good" });

        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains(await badKind.ErrorsAsync(), e => e.Field == "kind");
        Assert.Equal(JsonValueKind.Null, open[0].GetProperty("resolvedAtUtc").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, resolved.StatusCode);
        Assert.Equal("Khởi động lại bộ codec", board[0].GetProperty("resolution").GetString());
        Assert.Equal(HttpStatusCode.Conflict, evaluation.StatusCode); // the logbook opens when the meeting ends
    }

    [Fact]
    public async Task After_the_meeting_the_technician_rates_it_and_signs_the_logbook_TH_Art_4_3()
    {
        string id = await PlannedMeetingAsync(6, "th-d-vinh-loc");
        IMeetingStore store = Host.Services.GetRequiredService<IMeetingStore>();
        await store.OpenLogbookAsync([new LogbookEntry("th-d-vinh-loc", id, "official", DateTime.UtcNow, DateTime.UtcNow.AddHours(1), ["Nguyễn Văn An"])], default);
        using HttpClient tech = Host.As(Roles.Technician, "th-d-vinh-loc");

        using HttpResponseMessage bad = await tech.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-vinh-loc/evaluation", new { quality = "excellent" });
        using HttpResponseMessage signed = await tech.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-vinh-loc/evaluation", new { quality = "fair", faults = new[] { "Tiếng vọng 10 phút đầu" } });
        JsonElement logbook = await tech.GetFromJsonAsync<JsonElement>("api/sites/th-d-vinh-loc/logbook");

        Assert.Contains(("quality", "oneOf"), await bad.ErrorsAsync());
        Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode);
        JsonElement entry = logbook.EnumerateArray().Single(e => e.GetProperty("meetingId").GetString() == id);
        Assert.True(entry.GetProperty("signedByTechnician").GetBoolean());
        Assert.Equal("fair", entry.GetProperty("quality").GetString());
        Assert.Equal("Tiếng vọng 10 phút đầu", entry.GetProperty("faults")[0].GetString());
    }
}
