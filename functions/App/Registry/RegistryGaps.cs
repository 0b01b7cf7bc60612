using Hntt.Domain.Registry;

namespace Hntt.App.Registry;

/// <summary>What the registry lacks against TH Art. 8.2–8.3: two active technicians per room, each with a phone and an e-mail.</summary>
public static class RegistryGaps
{
    /// <summary>Every gap as a line for DIC's notice: duties nobody holds, then rooms.</summary>
    public static List<string> Find(RegistryData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ILookup<string, Technician> active = data.Technicians.Where(t => t.Active).ToLookup(t => t.SiteId);
        var gaps = new List<string>();
        // Notices to DIC and the PPC Office go to the unit holding the duty: without one they reach nobody.
        foreach (UnitDuty duty in Enum.GetValues<UnitDuty>().Where(d => !data.Units.Any(u => u.Duty == d)))
        {
            gaps.Add($"- Chưa có đơn vị nào giữ vai trò {(duty == UnitDuty.Dic ? "Sở TT&TT (DIC)" : "Văn phòng UBND tỉnh")} trong danh mục: thông báo gửi vai trò này không có người nhận");
        }

        foreach (Site site in data.Sites.Where(NeedsTechnicians))
        {
            if (OfSite(active[site.Id], checkContacts: true) is { Count: > 0 } problems)
            {
                gaps.Add($"- {site.Name} ({site.Id}): {string.Join("; ", problems)}");
            }
        }

        return gaps;
    }

    /// <summary>Rooms at the province, district and commune levels keep their own technicians.</summary>
    public static bool NeedsTechnicians(Site site) => site?.Level is SiteLevel.Province or SiteLevel.District or SiteLevel.Commune;

    /// <summary>
    /// A room's gaps, given its active technicians; <paramref name="checkContacts"/> is false where the reader is not
    /// shown the contacts (an empty phone is then hidden, not missing).
    /// </summary>
    public static List<string> OfSite(IEnumerable<Technician> active, bool checkContacts)
    {
        Technician[] here = [.. active];
        var problems = new List<string>();
        if (here.Length < 2)
        {
            problems.Add($"{here.Length} kỹ thuật viên (cần 2)");
        }

        if (checkContacts)
        {
            problems.AddRange(here.Where(t => string.IsNullOrWhiteSpace(t.Phone)).Select(t => $"{t.Name} thiếu số điện thoại"));
            problems.AddRange(here.Where(t => string.IsNullOrWhiteSpace(t.Email)).Select(t => $"{t.Name} thiếu e-mail"));
        }

        return problems;
    }
}
