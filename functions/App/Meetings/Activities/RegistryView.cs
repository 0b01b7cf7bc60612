using Hntt.Domain.Registry;
using Hntt.Domain.Rules;

namespace Hntt.App.Meetings.Activities;

/// <summary>The registry indexed for one step: who is on duty where, who the authorities are.</summary>
internal sealed class RegistryView(RegistryData data)
{
    readonly Dictionary<string, Site> sites = data.Sites.ToDictionary(s => s.Id);
    readonly Dictionary<string, Unit> units = data.Units.ToDictionary(u => u.Id);
    readonly ILookup<string, Technician> technicians = data.Technicians.ToLookup(t => t.SiteId);

    public RegistryData Data => data;

    public Site? Site(string id) => sites.GetValueOrDefault(id);

    /// <summary>SL II.1 step 6: the master MCU (the chair room's) and the MCU that carries the site, for "bring site to chair".</summary>
    public (string Master, string SiteMcu) ChairRoute(string chairSiteId, string siteId)
    {
        string master = Site(chairSiteId)?.McuId ?? chairSiteId;
        return (master, Site(siteId)?.McuId ?? master);
    }

    public Unit? Unit(string id) => units.GetValueOrDefault(id);

    /// <summary>TH Art. 8.2: the technicians who operate the site for this host.</summary>
    public IReadOnlyList<Technician> OnDuty(string siteId, string hostUnitId) =>
        Site(siteId) is { } site && Unit(hostUnitId) is { } host ? OnDutyTechnicianRule.OnDuty(site, host, technicians[siteId]) : [];

    public IEnumerable<Unit> UnitsOfKind(UnitKind kind) => data.Units.Where(u => u.Kind == kind);

    /// <summary>The DIC: the unit holding that duty in the registry.</summary>
    public IEnumerable<Unit> Dic => data.Units.Where(u => u.Duty == UnitDuty.Dic);

    /// <summary>The PPC Office: the unit holding that duty in the registry.</summary>
    public IEnumerable<Unit> PpcOffice => data.Units.Where(u => u.Duty == UnitDuty.PpcOffice);

    public IEnumerable<Contact> ContactsOf(UnitKind kind) =>
        data.Contacts.Where(c => Unit(c.UnitId)?.Kind == kind);
}
