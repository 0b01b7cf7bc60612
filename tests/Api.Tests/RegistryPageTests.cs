using System.Net;
using Hntt.App.Api.Security;
using Hntt.App.Registry;
using Hntt.Domain.Registry;
using Microsoft.Extensions.DependencyInjection;
using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>The registry page DIC's notices link to (TH Art. 8.2–8.3): each room's technicians and what it lacks, contacts only for those who call them.</summary>
public sealed class RegistryPageTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task DIC_sees_each_rooms_gaps_and_other_rooms_technicians_see_neither_numbers_nor_number_gaps()
    {
        // Hà Trung is down to one technician; Vĩnh Lộc's first has no phone on record.
        RegistryData seeds = RegistrySeeds.ThanhHoa();
        await fixture.Host.Services.GetRequiredService<IRegistry>().LoadAsync(seeds with
        {
            Technicians = [.. seeds.Technicians.Select(t => t.Id switch
            {
                "th-d-ha-trung-t2" => t with { Active = false },
                "th-d-vinh-loc-t1" => t with { Phone = "" },
                _ => t,
            })],
        }, default);
        using HttpClient dic = await fixture.Host.PagesAsAsync(Roles.Dic);
        using HttpClient otherTechnician = await fixture.Host.PagesAsAsync(Roles.Technician, "th-d-bim-son");

        string gaps = await dic.GetStringAsync("registry?gaps=true");
        string ngaSon = await dic.GetStringAsync("registry?site=th-d-nga-son");
        string vinhLocForOther = await otherTechnician.GetStringAsync("registry?site=th-d-vinh-loc");

        Assert.Contains("1 kỹ thuật viên (cần 2)", gaps, StringComparison.Ordinal);
        Assert.Contains("thiếu số điện thoại", gaps, StringComparison.Ordinal);
        Assert.DoesNotContain("data-site=\"th-d-nga-son\"", gaps, StringComparison.Ordinal); // complete rooms are filtered out
        Assert.Contains("0912000012", ngaSon, StringComparison.Ordinal);
        Assert.Contains("data-site=\"th-d-vinh-loc\"", vinhLocForOther, StringComparison.Ordinal);
        Assert.DoesNotContain("thiếu số điện thoại", vinhLocForOther, StringComparison.Ordinal); // a hidden number is not a missing one
        Assert.DoesNotContain("@th.example.gov.vn", vinhLocForOther, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registry_page_asks_a_stranger_to_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };

        using HttpResponseMessage response = await client.GetAsync("registry");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
