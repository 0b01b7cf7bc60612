using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Hntt.Testing;
using Microsoft.Extensions.DependencyInjection;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>Coordinators submit, list, read, cancel and move meetings over HTTP.</summary>
public sealed class MeetingApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    ApiHost Host => fixture.Host;

    [Fact]
    public async Task Submit_answers_202_with_Location_and_the_Durable_Functions_management_links()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");

        using HttpResponseMessage response = await coordinator.PostAsJsonAsync("api/meetings", Http.Meeting(title: "Giao ban tuần 48"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement body = await response.BodyAsync();
        string id = body.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(Host.Address, $"api/meetings/{id}"), response.Headers.Location);
        JsonElement links = body.GetProperty("managementLinks");
        Assert.Equal(new Uri(Host.Address, $"runtime/instances/{id}").ToString(), links.GetProperty("statusQueryGetUri").GetString());
        Assert.EndsWith($"/runtime/instances/{id}/raiseEvent/{{eventName}}", links.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("/terminate", links.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(links.GetProperty("statusQueryGetUri").GetString(), links.GetProperty("purgeHistoryDeleteUri").GetString());

        // The orchestration plans it: the directory line moves from Submitted to Preparing with 28 rooms (TH Art. 4.1: the PPC room chairs).
        await coordinator.PhaseAsync(id, "Preparing");
        JsonElement details = await (await coordinator.GetAsync($"api/meetings/{id}")).BodyAsync();
        Assert.Equal("th-p-ubnd", details.GetProperty("meeting").GetProperty("chairSiteId").GetString());
        Assert.Equal(29, details.GetProperty("siteTotal").GetInt32());
        Assert.Equal("Running", details.GetProperty("runtimeStatus").GetString());
        Assert.Equal("19/2018/QĐ-UBND r1", details.GetProperty("rulesVersion").GetString()); // the rules it was planned under
        JsonElement timeline = details.GetProperty("timeline");
        Assert.Contains(timeline.EnumerateArray(), step => step.GetProperty("kind").GetString() == "FirstTestCall" && step.GetProperty("article").GetString()!.Contains("11.1", StringComparison.Ordinal));
        Assert.True(timeline.EnumerateArray().All(step => step.GetProperty("state").GetString() is "done" or "due" or "upcoming"),
            $"nothing is late yet: {timeline} {details.GetProperty("status")}");
        Assert.Equal("Chair", details.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("siteId").GetString() == "th-p-ubnd").GetProperty("role").GetString());

        // People read names, not ids: the host, the chair room and every room, as the registry names them.
        var registry = Hntt.App.Registry.RegistrySeeds.ThanhHoa();
        Assert.Equal("UBND tỉnh Thanh Hóa", details.GetProperty("meeting").GetProperty("hostUnitName").GetString());
        Assert.Equal(registry.Sites.Single(s => s.Id == "th-p-ubnd").Name, details.GetProperty("meeting").GetProperty("chairSiteName").GetString());
        Assert.All(details.GetProperty("sites").EnumerateArray(), site =>
            Assert.Equal(registry.Sites.Single(s => s.Id == site.GetProperty("siteId").GetString()).Name, site.GetProperty("siteName").GetString()));
        JsonElement listed = (await (await coordinator.GetAsync("api/meetings?hostUnitId=th-ubnd")).BodyAsync()).GetProperty("items");
        Assert.Contains(listed.EnumerateArray(), m => m.GetProperty("id").GetString() == id && m.GetProperty("hostUnitName").GetString() == "UBND tỉnh Thanh Hóa");
    }

    [Fact]
    public async Task A_retried_submit_with_the_same_Idempotency_Key_starts_one_meeting()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");
        object meeting = Http.Meeting(days: 4, title: "Họp trực tuyến phòng chống bão số 9");

        string first = await coordinator.SubmitAsync(meeting, idempotencyKey: "req-2026-11-24-001");
        using var retry = new HttpRequestMessage(HttpMethod.Post, "api/meetings") { Content = JsonContent.Create(meeting) };
        retry.Headers.Add("Idempotency-Key", "req-2026-11-24-001");
        using HttpResponseMessage again = await coordinator.SendAsync(retry);
        using var reused = new HttpRequestMessage(HttpMethod.Post, "api/meetings") { Content = JsonContent.Create(Http.Meeting(days: 5, title: "Another meeting")) };
        reused.Headers.Add("Idempotency-Key", "req-2026-11-24-001");
        using HttpResponseMessage different = await coordinator.SendAsync(reused);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(first, (await again.BodyAsync()).GetProperty("id").GetString());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Contains(("Idempotency-Key", "reusedWithDifferentRequest"), await different.ErrorsAsync());
        DurableTaskClient client = Host.Services.GetRequiredService<DurableTaskClient>();
        Assert.Single(await client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: first)).ToListAsync());
    }

    [Fact]
    public async Task Invalid_requests_name_each_field_and_rule_and_write_nothing()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd", "th-nowhere");
        DateTime past = DateTime.Now.AddDays(-1);
        var request = new
        {
            hostUnitId = "th-nowhere",
            title = " ",
            kind = "Planned",
            localStart = past.ToString("s", System.Globalization.CultureInfo.InvariantCulture),
            localEnd = past.AddHours(-1).ToString("s", System.Globalization.CultureInfo.InvariantCulture),
            sites = new { siteIds = new[] { "th-d-atlantis" } },
        };
        int before = (await Host.Services.GetRequiredService<IMeetingDirectory>().StartingAsync(DateTime.UtcNow.AddYears(-1), DateTime.UtcNow.AddYears(1), default)).Count;

        using HttpResponseMessage response = await coordinator.PostAsJsonAsync("api/meetings", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        IReadOnlyList<(string Field, string Rule)> errors = await response.ErrorsAsync();
        Assert.Contains(("hostUnitId", "unknown"), errors);
        Assert.Contains(("title", "required"), errors);
        Assert.Contains(("localStart", "inThePast"), errors);
        Assert.Contains(("localEnd", "beforeStart"), errors);
        Assert.Contains(("sites.siteIds", "unknown"), errors);
        Assert.Equal(before, (await Host.Services.GetRequiredService<IMeetingDirectory>().StartingAsync(DateTime.UtcNow.AddYears(-1), DateTime.UtcNow.AddYears(1), default)).Count);
    }

    [Fact]
    public async Task A_double_booked_room_is_refused_with_the_rule_TH_Art_4_2()
    {
        using HttpClient ppc = Host.As(Roles.PpcOffice);
        await ppc.SubmitAsync(Http.Meeting(days: 9, host: "th-syt", title: "Họp ngành y tế", sites: ["th-d-nga-son"]));
        await Eventually.HoldsAsync(async () => (await ppc.GetFromJsonAsync<JsonElement>("api/registry/sites/th-d-nga-son/bookings?from=" + DateTime.Now.AddDays(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "the room is booked");

        using HttpResponseMessage second = await ppc.PostAsJsonAsync("api/meetings", Http.Meeting(days: 9, host: "th-hdnd", title: "Họp HĐND", sites: ["th-d-nga-son"]));

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains(await second.ErrorsAsync(), e => e.Field.StartsWith("sites", StringComparison.Ordinal) && e.Rule == "roomBooked");
    }

    [Fact]
    public async Task Lists_filter_by_host_unit_site_status_and_date_and_page_with_a_token()
    {
        using HttpClient ppc = Host.As(Roles.PpcOffice);
        string[] ids = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ppc.SubmitAsync(Http.Meeting(days: 20 + i, host: "th-mttq", title: $"MTTQ {i}", sites: ["th-d-ha-trung"]))))];
        string from = DateTime.Now.AddDays(19).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string to = DateTime.Now.AddDays(24).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // Planned first: the workflow books the rooms the site filter reads.
        await Eventually.HoldsAsync(async () => (await ppc.GetFromJsonAsync<JsonElement>($"api/meetings?status=Preparing&hostUnitId=th-mttq&from={from}&to={to}"))
            .GetProperty("items").GetArrayLength() == 3, TimeSpan.FromSeconds(30), "all three planned");

        JsonElement page1 = await ppc.GetFromJsonAsync<JsonElement>($"api/meetings?hostUnitId=th-mttq&from={from}&to={to}&top=2");
        string token = page1.GetProperty("continuationToken").GetString()!;
        JsonElement page2 = await ppc.GetFromJsonAsync<JsonElement>($"api/meetings?hostUnitId=th-mttq&from={from}&to={to}&top=2&continuationToken={Uri.EscapeDataString(token)}");
        JsonElement bySite = await ppc.GetFromJsonAsync<JsonElement>($"api/meetings?siteId=th-d-ha-trung&from={from}&to={to}");
        JsonElement cancelled = await ppc.GetFromJsonAsync<JsonElement>($"api/meetings?status=Cancelled&hostUnitId=th-mttq&from={from}&to={to}");
        string[] listed = [.. page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(m => m.GetProperty("id").GetString()!)];
        Assert.Equal(ids.Order(), listed.Order());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("continuationToken").ValueKind);
        Assert.Equal("MTTQ 0", page1.GetProperty("items")[0].GetProperty("title").GetString()); // by start time
        Assert.Equal(ids.Order(), bySite.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).Order());
        Assert.Equal(0, cancelled.GetProperty("items").GetArrayLength());

        // Another unit's coordinator filtering by the same room sees none of them: the site filter does not lift the unit scope.
        using HttpClient otherCoordinator = Host.As(Roles.Coordinator, "th-stttt");
        JsonElement otherUnit = await otherCoordinator.GetFromJsonAsync<JsonElement>($"api/meetings?siteId=th-d-ha-trung&from={from}&to={to}");
        Assert.DoesNotContain(otherUnit.GetProperty("items").EnumerateArray(), m => m.GetProperty("hostUnitId").GetString() == "th-mttq");
    }

    [Fact]
    public async Task A_cancelled_meeting_tells_everyone_and_takes_no_more_requests()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-stttt");
        string id = await coordinator.SubmitAsync(Http.Meeting(days: 6, host: "th-stttt", title: "Tập huấn chuyển đổi số", sites: ["th-d-ha-trung", "th-d-vinh-loc"]));
        await coordinator.PhaseAsync(id, "Preparing");

        using HttpResponseMessage cancel = await coordinator.PostAsJsonAsync($"api/meetings/{id}/cancel", new { reason = "Trùng lịch họp của Bộ" });
        await coordinator.PhaseAsync(id, "Cancelled");
        using HttpResponseMessage again = await coordinator.PostAsJsonAsync($"api/meetings/{id}/cancel", new { reason = "lần nữa" });
        using HttpResponseMessage noReason = await coordinator.PostAsJsonAsync($"api/meetings/{id}/cancel", new { reason = "" });

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Contains(Host.Notices.Sent, n => n.Notice.MeetingId == id && n.Notice.Kind == Hntt.App.Notices.NoticeKind.Cancellation);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(("reason", "required"), await noReason.ErrorsAsync());
        JsonElement details = await coordinator.GetFromJsonAsync<JsonElement>($"api/meetings/{id}");
        Assert.All(details.GetProperty("timeline").EnumerateArray(), s => Assert.Contains(s.GetProperty("state").GetString(), new[] { "done", "cancelled" }));
    }

    [Fact]
    public async Task A_reschedule_is_checked_before_it_is_sent_and_moves_the_meeting()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-tinh-doan");
        string id = await coordinator.SubmitAsync(Http.Meeting(days: 12, host: "th-tinh-doan", title: "Hội nghị Tỉnh đoàn", sites: ["th-d-thach-thanh"]));
        await coordinator.PhaseAsync(id, "Preparing");
        DateTime newStart = DateTime.Now.Date.AddDays(14).AddHours(14);

        using HttpResponseMessage backwards = await coordinator.PostAsJsonAsync($"api/meetings/{id}/reschedule", new { localStart = newStart, localEnd = newStart.AddHours(-1) });
        using HttpResponseMessage moved = await coordinator.PostAsJsonAsync($"api/meetings/{id}/reschedule",
            new { localStart = newStart.ToString("s", System.Globalization.CultureInfo.InvariantCulture), localEnd = newStart.AddHours(2).ToString("s", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains(("localEnd", "beforeStart"), await backwards.ErrorsAsync());
        Assert.Equal(HttpStatusCode.Accepted, moved.StatusCode);
        await Eventually.HoldsAsync(async () => (await coordinator.GetFromJsonAsync<JsonElement>($"api/meetings/{id}")).GetProperty("meeting").GetProperty("localStart").GetDateTime() == newStart,
            TimeSpan.FromSeconds(30), "the directory shows the new time");
        // The workflow records the new times, then tells everyone.
        await Eventually.HoldsAsync(() => Task.FromResult(Host.Notices.Sent.Any(n => n.Notice.MeetingId == id && n.Notice.Kind == Hntt.App.Notices.NoticeKind.Reschedule)),
            TimeSpan.FromSeconds(30), "the reschedule notices went out");
    }

    [Fact]
    public async Task Notices_show_their_delivery_and_the_emergency_call_list_is_ticked_off_TH_Art_7_4()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");
        string id = await coordinator.SubmitAsync(Http.Meeting(days: 15, sites: ["th-d-quan-hoa"]));
        var outbox = Host.Services.GetRequiredService<Hntt.App.Notices.Email.INoticeOutbox>();
        var call = new Hntt.App.Notices.Notice(id, Hntt.App.Notices.NoticeKind.EmergencyNotice, "Điện lực Thanh Hóa", "evn@example.gov.vn", "0237 3 000 000", null, "[HNTT] Khẩn", "Bảo đảm điện");
        await outbox.EnqueueAsync([new Hntt.App.Notices.Email.OutboxEntry(id, "n-evn", call.Kind, call.RecipientName, call.Email, call.Phone, "0237 3 000 001", null)
            { NoticeJson = JsonSerializer.Serialize(call, Hntt.App.AppJson.Options) }], default);

        JsonElement notices = await coordinator.GetFromJsonAsync<JsonElement>($"api/meetings/{id}/notices");
        using HttpResponseMessage ticked = await coordinator.PostAsync($"api/meetings/{id}/call-list/n-evn/called", null);
        using HttpResponseMessage unknown = await coordinator.PostAsync($"api/meetings/{id}/call-list/n-nobody/called", null);
        using HttpResponseMessage byTechnician = await Host.As(Roles.Technician, "th-d-quan-hoa").PostAsync($"api/meetings/{id}/call-list/n-evn/called", null);
        JsonElement list = await coordinator.GetFromJsonAsync<JsonElement>($"api/meetings/{id}/call-list");

        Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("noticeId").GetString() == "n-evn" && n.GetProperty("status").GetString() == "Queued");
        Assert.Equal(HttpStatusCode.NoContent, ticked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTechnician.StatusCode);
        JsonElement entry = list.EnumerateArray().Single();
        Assert.Equal(("Điện lực Thanh Hóa", "0237 3 000 001"), (entry.GetProperty("recipient").GetString(), entry.GetProperty("fax").GetString()));
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("calledAtUtc").ValueKind);
    }

    [Fact]
    public async Task Unknown_meetings_are_404_problems()
    {
        using HttpClient ppc = Host.As(Roles.PpcOffice);

        using HttpResponseMessage get = await ppc.GetAsync("api/meetings/mtg-nope");
        using HttpResponseMessage cancel = await ppc.PostAsJsonAsync("api/meetings/mtg-nope/cancel", new { reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
    }
}
