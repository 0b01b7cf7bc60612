using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Notices;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>The registry over HTTP; DIC keeps the technicians (TH Art. 8.2–8.3).</summary>
public sealed class RegistryApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    ApiHost Host => fixture.Host;

    [Fact]
    public async Task Everyone_signed_in_reads_units_sites_MCUs_and_technicians()
    {
        using HttpClient technician = Host.As(Roles.Technician, "th-d-nga-son");

        JsonElement districts = await technician.GetFromJsonAsync<JsonElement>("api/registry/sites?level=District");
        JsonElement departments = await technician.GetFromJsonAsync<JsonElement>("api/registry/units?kind=Department");
        JsonElement mcus = await technician.GetFromJsonAsync<JsonElement>("api/registry/mcus");
        JsonElement site = await technician.GetFromJsonAsync<JsonElement>("api/registry/sites/th-d-nga-son");
        using HttpResponseMessage unknown = await technician.GetAsync("api/registry/sites/th-d-atlantis");
        using HttpResponseMessage badLevel = await technician.GetAsync("api/registry/sites?level=Galaxy");

        Assert.Equal(28, districts.GetArrayLength());
        Assert.Contains(departments.EnumerateArray(), u => u.GetProperty("id").GetString() == "th-stttt");
        Assert.True(mcus.GetArrayLength() >= 1);
        Assert.Equal(2, site.GetProperty("technicians").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        Assert.Contains(await badLevel.ErrorsAsync(), e => e.Field == "level");
    }

    [Fact]
    public async Task Technicians_phone_and_e_mail_go_only_to_those_who_call_them()
    {
        static async Task<string[]> PhonesAsync(HttpClient client, string path) =>
            [.. (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(t => t.GetProperty("phone").GetString()!)];
        using HttpClient own = Host.As(Roles.Technician, "th-d-nga-son");
        using HttpClient other = Host.As(Roles.Technician, "th-d-bim-son");
        using HttpClient coordinator = Host.As(Roles.Coordinator, "th-syt");
        using HttpClient auditor = Host.As(Roles.Auditor);

        Assert.All(await PhonesAsync(own, "api/registry/technicians?siteId=th-d-nga-son"), p => Assert.NotEmpty(p)); // colleagues of their own room
        Assert.All(await PhonesAsync(coordinator, "api/registry/technicians?siteId=th-d-nga-son"), p => Assert.NotEmpty(p));
        Assert.All(await PhonesAsync(other, "api/registry/technicians?siteId=th-d-nga-son"), p => Assert.Empty(p));
        Assert.All(await PhonesAsync(auditor, "api/registry/technicians"), p => Assert.Empty(p));
        JsonElement site = await other.GetFromJsonAsync<JsonElement>("api/registry/sites/th-d-nga-son");
        Assert.All(site.GetProperty("technicians").EnumerateArray(), t => Assert.Empty(t.GetProperty("email").GetString()!));
    }

    [Fact]
    public async Task A_rooms_bookings_are_read_a_quarter_at_a_time()
    {
        using HttpClient technician = Host.As(Roles.Technician, "th-d-nga-son");

        using HttpResponseMessage year = await technician.GetAsync("api/registry/sites/th-d-nga-son/bookings?from=2027-01-01&to=2027-12-31");
        using HttpResponseMessage quarter = await technician.GetAsync("api/registry/sites/th-d-nga-son/bookings?from=2027-01-01&to=2027-03-31");

        Assert.Contains(await year.ErrorsAsync(), e => e.Field == "to");
        Assert.Equal(HttpStatusCode.OK, quarter.StatusCode);
    }

    [Fact]
    public async Task Replacing_a_technician_deactivates_the_old_one_tells_DIC_and_flags_training_TH_Art_8_3()
    {
        using HttpClient dic = Host.As(Roles.Dic);
        var newcomer = new
        {
            id = "th-d-hau-loc-t3", siteId = "th-d-hau-loc", name = "Lê Thị Hoa", unitId = "th-ubnd-hau-loc", title = "Chuyên viên Văn phòng HĐND-UBND",
            phone = "0915 123 456", email = "kt3.th-d-hau-loc@th.example.gov.vn", affiliation = "PeoplesCommittee",
        };

        using HttpResponseMessage replaced = await dic.PostAsJsonAsync("api/registry/technicians/th-d-hau-loc-t2/replace", newcomer);
        using HttpResponseMessage twice = await dic.PostAsJsonAsync("api/registry/technicians/th-d-hau-loc-t2/replace", newcomer with { });
        JsonElement technicians = await dic.GetFromJsonAsync<JsonElement>("api/registry/technicians?siteId=th-d-hau-loc");

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        JsonElement old = technicians.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "th-d-hau-loc-t2");
        JsonElement added = technicians.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "th-d-hau-loc-t3");
        Assert.False(old.GetProperty("active").GetBoolean());
        Assert.True(added.GetProperty("trainingRequired").GetBoolean());
        Assert.Equal("th-d-hau-loc-t2", added.GetProperty("replaces").GetString());
        Notice told = Host.Notices.Sent.Select(n => n.Notice).Single(n => n.Kind == NoticeKind.TechnicianReplaced && n.SiteId == "th-d-hau-loc");
        Assert.Contains("Lê Thị Hoa", told.Action, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains(("technicianId", "active"), await twice.ErrorsAsync());
    }

    [Fact]
    public async Task A_technician_with_a_bad_phone_or_e_mail_is_refused_field_by_field()
    {
        using HttpClient admin = Host.As(Roles.Admin);
        var bad = new { id = "x1", siteId = "th-d-atlantis", name = "A", unitId = "th-nowhere", title = "KTV", phone = "12", email = "not-an-address", affiliation = "Other" };

        using HttpResponseMessage response = await admin.PostAsJsonAsync("api/registry/technicians", bad);
        JsonElement all = await admin.GetFromJsonAsync<JsonElement>("api/registry/technicians");

        IReadOnlyList<(string Field, string Rule)> errors = await response.ErrorsAsync();
        Assert.Contains(("siteId", "unknown"), errors);
        Assert.Contains(("unitId", "unknown"), errors);
        Assert.Contains(("phone", "format"), errors);
        Assert.Contains(("email", "format"), errors);
        Assert.DoesNotContain(all.EnumerateArray(), t => t.GetProperty("id").GetString() == "x1");
    }
}
