using Hntt.App.Api.Security;
using Hntt.App.Registry;
using Hntt.App.Web;
using Hntt.Domain.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Hntt.App.Pages.Registry;

/// <summary>The rooms and their technicians (TH Art. 8.2–8.3), with what each room lacks; where DIC's registry notices send them.</summary>
public sealed class RegistryModel(ApiClient api) : ApiPageModel
{
    /// <summary>One room, when the page is opened for it.</summary>
    [BindProperty(SupportsGet = true)] public string? Site { get; set; }

    /// <summary>Only rooms with something missing.</summary>
    [BindProperty(SupportsGet = true)] public bool Gaps { get; set; }

    /// <summary>The rooms shown, each with its technicians and gaps.</summary>
    public IReadOnlyList<RoomLine> Rooms { get; private set; } = [];

    /// <summary>A room as this page lists it.</summary>
    public sealed record RoomLine(Hntt.Domain.Registry.Site Site, IReadOnlyList<Technician> Technicians, IReadOnlyList<string> Gaps);

    public override async Task OnGetAsync()
    {
        Task<List<Hntt.Domain.Registry.Site>?> sites = ReadAsync<List<Hntt.Domain.Registry.Site>>(api, "api/registry/sites");
        List<Technician> technicians = await ReadAsync<List<Technician>>(api, "api/registry/technicians") ?? [];
        var caller = new Caller(User);
        ILookup<string, Technician> bySite = technicians.ToLookup(t => t.SiteId);
        Rooms = [.. (await sites ?? [])
            .Where(s => Site is null || s.Id == Site)
            .Select(s => new RoomLine(s, [.. bySite[s.Id]],
                RegistryGaps.NeedsTechnicians(s) ? RegistryGaps.OfSite(bySite[s.Id].Where(t => t.Active), caller.SeesContactsOf(s.Id)) : []))
            .Where(r => !Gaps || r.Gaps.Count > 0)];
    }
}
