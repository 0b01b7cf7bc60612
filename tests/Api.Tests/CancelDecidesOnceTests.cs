using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hntt.App.Api.Security;
using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>Once a cancel is accepted the meeting takes no more requests: one source of truth answers every front door.</summary>
public sealed class CancelDecidesOnceTests(PlannedMeetingFixture fixture) : IClassFixture<PlannedMeetingFixture>
{
    ApiHost Host => fixture.Host;

    [Fact]
    public async Task Right_after_an_accepted_cancel_a_second_cancel_a_reschedule_and_a_site_confirmation_answer_409_every_time()
    {
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");
        using HttpClient technician = Host.As(Roles.Technician, "th-d-ha-trung");
        for (int round = 0; round < 50; round++)
        {
            int day = fixture.NextDay();
            string id = await coordinator.SubmitAsync(Http.Meeting(days: day, title: $"Giao ban lần {round}", sites: ["th-d-ha-trung"]));
            await coordinator.PhaseAsync(id, "Preparing");
            DateTime afternoon = Hntt.Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(day).AddHours(14);

            using HttpResponseMessage cancel = await coordinator.PostAsJsonAsync($"api/meetings/{id}/cancel", new { reason = "Trùng lịch họp của Bộ" });
            HttpResponseMessage[] after = await Task.WhenAll(
                coordinator.PostAsJsonAsync($"api/meetings/{id}/cancel", new { reason = "lần nữa" }),
                coordinator.PostAsJsonAsync($"api/meetings/{id}/reschedule", new
                {
                    localStart = afternoon.ToString("s", CultureInfo.InvariantCulture),
                    localEnd = afternoon.AddHours(2).ToString("s", CultureInfo.InvariantCulture),
                }),
                technician.PostAsJsonAsync($"api/meetings/{id}/sites/th-d-ha-trung/readiness", new { notes = "sẵn sàng" }));

            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            Assert.All(after, a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            foreach (HttpResponseMessage response in after)
            {
                response.Dispose();
            }
        }
    }
}
