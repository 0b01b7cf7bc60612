using Hntt.App.Meetings.Activities;
using Hntt.App.Registry;
using Hntt.App.Timers;
using Hntt.Domain.Registry;

namespace Hntt.App.Tests.Registry;

/// <summary>DIC and the PPC Office are found by the duty the registry gives them, not by their names.</summary>
public sealed class UnitDutyTests
{
    [Fact]
    public void DIC_keeps_its_notices_when_the_department_is_renamed_TH_Art_7_2()
    {
        RegistryData thanhHoa = RegistrySeeds.ThanhHoa();
        // 2025: the DIC's duties moved to the Department of Science and Technology, under that name.
        RegistryData renamed = thanhHoa with
        {
            Units = [.. thanhHoa.Units.Select(u => u.Duty == UnitDuty.Dic ? u with { Name = "Sở Khoa học và Công nghệ Thanh Hóa" } : u)],
        };

        var view = new RegistryView(renamed);

        Assert.Equal("th-stttt", Assert.Single(view.Dic).Id);
        Assert.Equal("th-ubnd", Assert.Single(view.PpcOffice).Id);
    }

    [Fact]
    public void A_registry_without_a_DIC_is_reported_as_a_gap_by_the_registry_check()
    {
        RegistryData sonLa = RegistrySeeds.SonLa();
        RegistryData withoutDic = sonLa with { Units = [.. sonLa.Units.Select(u => u.Duty == UnitDuty.Dic ? u with { Duty = null } : u)] };

        List<string> gaps = RegistryGaps.Find(withoutDic);

        Assert.Contains(gaps, g => g.Contains("Sở TT&TT (DIC)", StringComparison.Ordinal));
        Assert.DoesNotContain(gaps, g => g.Contains("Văn phòng UBND tỉnh", StringComparison.Ordinal));
        Assert.DoesNotContain(RegistryGaps.Find(sonLa), g => g.Contains("vai trò", StringComparison.Ordinal));
    }
}
