using Hntt.Domain.Registry;

namespace Hntt.Domain.Rules;

/// <summary>
/// TH Art. 4.1: Party committee and its boards chair from the Provincial Party Office room; the People's
/// Committee from the PPC Office room; the People's Council, departments, the Fatherland Front and mass
/// organisations from the DIC room. Each chair room lists the host kinds it serves (<see cref="Site.ChairFor"/>).
/// </summary>
public static class ChairSiteRule
{
    /// <summary>The chair room for a host, or null when the registry has none for its kind.</summary>
    public static Site? ChairFor(Unit host, IEnumerable<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(host);
        return sites.FirstOrDefault(s => s.ChairFor?.Contains(host.Kind) == true);
    }
}
