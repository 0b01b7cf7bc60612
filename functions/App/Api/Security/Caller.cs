using System.Security.Claims;

namespace Hntt.App.Api.Security;

/// <summary>The signed-in user as the endpoints need them: who, which roles, which units and sites.</summary>
public sealed class Caller(ClaimsPrincipal user)
{
    /// <summary>The user's id (<c>sub</c>), or their name.</summary>
    public string Id { get; } = user.FindFirstValue("sub") ?? user.Identity?.Name ?? "anonymous";

    /// <summary>The roles held.</summary>
    public IReadOnlySet<string> Roles { get; } = user.FindAll(Security.Roles.RoleClaim).Select(c => c.Value).ToHashSet();

    /// <summary>The units a coordinator acts for.</summary>
    public IReadOnlySet<string> Units { get; } = user.FindAll(Security.Roles.UnitClaim).Select(c => c.Value).ToHashSet();

    /// <summary>The sites a technician operates.</summary>
    public IReadOnlySet<string> Sites { get; } = user.FindAll(Security.Roles.SiteClaim).Select(c => c.Value).ToHashSet();

    bool Is(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>A technician and nothing wider: sees only the rooms in <c>sites</c>.</summary>
    public bool OnlyOwnSites => !SeesAllMeetings && Is(Security.Roles.Technician);

    /// <summary>Sees every meeting, whoever hosts it.</summary>
    public bool SeesAllMeetings => Is(Security.Roles.Dic, Security.Roles.PpcOffice, Security.Roles.Ops, Security.Roles.Admin, Security.Roles.Auditor);

    /// <summary>May request, cancel and move meetings hosted by this unit.</summary>
    public bool MayHost(string unitId) => Is(Security.Roles.PpcOffice, Security.Roles.Admin) || (Is(Security.Roles.Coordinator) && Units.Contains(unitId));

    /// <summary>May read the phone and e-mail of this site's technicians: those who coordinate or run the network, and the site's own technicians.</summary>
    public bool SeesContactsOf(string siteId) =>
        Is(Security.Roles.Coordinator, Security.Roles.Dic, Security.Roles.PpcOffice, Security.Roles.Ops, Security.Roles.Admin)
        || (Is(Security.Roles.Technician) && Sites.Contains(siteId));

    /// <summary>May report for this site (TH Art. 8.2: its own technicians; ops stand in).</summary>
    public bool MayOperate(string siteId) => Is(Security.Roles.Ops, Security.Roles.Admin) || (Is(Security.Roles.Technician) && Sites.Contains(siteId));

    /// <summary>May see a meeting with this host whose rooms include (per <paramref name="hasSite"/>) the caller's sites.</summary>
    public async Task<bool> MaySeeAsync(string hostUnitId, Func<string, Task<bool>> hasSite)
    {
        ArgumentNullException.ThrowIfNull(hasSite);
        if (SeesAllMeetings || MayHost(hostUnitId))
        {
            return true;
        }

        foreach (string site in Is(Security.Roles.Technician) ? Sites : new HashSet<string>())
        {
            if (await hasSite(site).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
