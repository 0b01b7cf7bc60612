using Hntt.Domain.Registry;

namespace Hntt.Domain.Rules;

/// <summary>
/// TH Art. 8.2: each district has two technicians, one from the district Party committee and one from the
/// district People's Committee. A Party-hosted meeting is operated by the Party technician; every other host's
/// by the People's Committee technician. Other sites: every active technician.
/// </summary>
public static class OnDutyTechnicianRule
{
    /// <summary>The technicians who operate <paramref name="site"/> for a meeting hosted by <paramref name="host"/>.</summary>
    public static IReadOnlyList<Technician> OnDuty(Site site, Unit host, IEnumerable<Technician> technicians)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(host);
        List<Technician> active = technicians.Where(t => t.SiteId == site.Id && t.Active).ToList();
        if (site.Level != SiteLevel.District)
        {
            return active;
        }

        TechnicianAffiliation wanted = host.Kind is UnitKind.PartyCommittee or UnitKind.PartyBoard
            ? TechnicianAffiliation.PartyCommittee
            : TechnicianAffiliation.PeoplesCommittee;
        List<Technician> duty = active.Where(t => t.Affiliation == wanted).ToList();
        return duty.Count > 0 ? duty : active; // a vacancy: the other technician stands in rather than nobody
    }
}
