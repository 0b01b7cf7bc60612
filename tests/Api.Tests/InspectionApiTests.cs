using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.Testing;
using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>TH Art. 6.4: DIC inspects rooms, records findings with photos, assigns fixes; an invited room with an open critical finding is flagged.</summary>
public sealed class InspectionApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    ApiHost Host => fixture.Host;

    static object Due(int days) => Hntt.Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(days).AddHours(17);

    static async Task<(string Inspection, string Finding)> CriticalFindingAsync(HttpClient dic, string siteId)
    {
        using HttpResponseMessage planned = await dic.PostAsJsonAsync("api/inspections", new { siteId, plannedAt = Due(0), adHoc = true, inspector = "Nguyễn Văn Kiểm" });
        string inspection = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using HttpResponseMessage recorded = await dic.PostAsJsonAsync($"api/inspections/{inspection}/findings", new
        {
            area = "Technicians", severity = "Critical", description = "Chỉ có một cán bộ kỹ thuật được tập huấn (TH Điều 8.2)",
            assignedUnitId = "th-ubnd-muong-lat", due = Due(14),
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        return (inspection, (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task An_invited_room_with_an_open_critical_finding_is_flagged_until_DIC_closes_it()
    {
        using HttpClient dic = Host.As(Roles.Dic);
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-ubnd");
        var (inspection, finding) = await CriticalFindingAsync(dic, "th-d-muong-lat");
        string meeting = await coordinator.SubmitAsync(Http.Meeting(days: 11, sites: ["th-d-muong-lat", "th-d-quan-son"]));
        await coordinator.PhaseAsync(meeting, "Preparing");
        async Task<(string[] Flagged, bool RoomFlag)> FlagsAsync()
        {
            JsonElement details = await coordinator.GetFromJsonAsync<JsonElement>($"api/meetings/{meeting}");
            bool room = details.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("siteId").GetString() == "th-d-muong-lat").GetProperty("flagged").GetBoolean();
            return ([.. details.GetProperty("flaggedSites").EnumerateArray().Select(s => s.GetString()!)], room);
        }

        var before = await FlagsAsync();
        using HttpResponseMessage closed = await dic.PostAsJsonAsync($"api/inspections/{inspection}/findings/{finding}/close", new { resolution = "Đã cử và tập huấn cán bộ thứ hai" });
        var after = await FlagsAsync();

        Assert.Equal(["th-d-muong-lat"], before.Flagged);
        Assert.True(before.RoomFlag);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Empty(after.Flagged);
        Assert.False(after.RoomFlag);
    }

    [Fact]
    public async Task A_finding_keeps_its_photo_and_only_DIC_records_while_a_technician_sees_only_their_own_rooms()
    {
        using HttpClient dic = Host.As(Roles.Dic);
        var (inspection, finding) = await CriticalFindingAsync(dic, "th-d-muong-lat");
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];
        using var jpeg = new ByteArrayContent(photo) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } };
        using HttpResponseMessage attached = await dic.PutAsync($"api/inspections/{inspection}/findings/{finding}/files/may-quay-hong.jpg", jpeg);
        using var exe = new ByteArrayContent([0x4D, 0x5A]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-msdownload") } };
        using HttpResponseMessage refusedType = await dic.PutAsync($"api/inspections/{inspection}/findings/{finding}/files/tool.exe", exe);
        using HttpClient own = Host.As(Roles.Technician, "th-d-muong-lat");
        using HttpClient other = Host.As(Roles.Technician, "th-d-nga-son");

        byte[] read = await own.GetByteArrayAsync($"api/inspections/{inspection}/findings/{finding}/files/may-quay-hong.jpg");
        JsonElement ownList = await own.GetFromJsonAsync<JsonElement>("api/inspections?open=true");
        JsonElement otherList = await other.GetFromJsonAsync<JsonElement>("api/inspections");
        using HttpResponseMessage otherFile = await other.GetAsync($"api/inspections/{inspection}/findings/{finding}/files/may-quay-hong.jpg");
        using HttpResponseMessage technicianRecords = await own.PostAsJsonAsync($"api/inspections/{inspection}/findings/{finding}/close", new { resolution = "tự đóng" });

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        Assert.Contains(("contentType", "oneOf"), await refusedType.ErrorsAsync());
        Assert.Equal(photo, read);
        JsonElement mine = ownList.EnumerateArray().Single(v => v.GetProperty("inspection").GetProperty("id").GetString() == inspection);
        Assert.Equal("may-quay-hong.jpg", mine.GetProperty("findings")[0].GetProperty("files")[0].GetProperty("name").GetString());
        Assert.DoesNotContain(otherList.EnumerateArray(), v => v.GetProperty("inspection").GetProperty("siteId").GetString() == "th-d-muong-lat");
        Assert.Equal(HttpStatusCode.NotFound, otherFile.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, technicianRecords.StatusCode);
    }

    [Fact]
    public async Task A_bad_finding_is_refused_naming_every_field_and_nothing_is_stored()
    {
        using HttpClient dic = Host.As(Roles.Dic);
        using HttpResponseMessage planned = await dic.PostAsJsonAsync("api/inspections", new { siteId = "th-d-ha-trung", plannedAt = Due(1), adHoc = false, inspector = "Trần Thị Tra" });
        string inspection = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using HttpResponseMessage bad = await dic.PostAsJsonAsync($"api/inspections/{inspection}/findings",
            new { area = "Equipment", severity = "Minor", description = "", assignedUnitId = "no-such-unit", due = Due(-1) });
        using HttpResponseMessage unknownSite = await dic.PostAsJsonAsync("api/inspections", new { siteId = "th-d-atlantis", plannedAt = Due(1), adHoc = false, inspector = "X" });
        JsonElement list = await dic.GetFromJsonAsync<JsonElement>("api/inspections?siteId=th-d-ha-trung");

        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        Assert.Equal([("assignedUnitId", "exists"), ("description", "required"), ("due", "range")], (await bad.ErrorsAsync()).Order());
        Assert.Contains(("siteId", "exists"), await unknownSite.ErrorsAsync());
        Assert.Empty(list.EnumerateArray().Single(v => v.GetProperty("inspection").GetProperty("id").GetString() == inspection).GetProperty("findings").EnumerateArray());
    }
}
