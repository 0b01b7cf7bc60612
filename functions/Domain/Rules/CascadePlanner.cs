using Hntt.Domain.Registry;

namespace Hntt.Domain.Rules;

/// <summary>One cascade link: a slave MCU dialled into its master, carrying its sites.</summary>
/// <param name="SlaveMcuId">The slave.</param>
/// <param name="MasterMcuId">The master it joins.</param>
/// <param name="SiteCount">How many of the meeting's sites it carries.</param>
public sealed record CascadeLink(string SlaveMcuId, string MasterMcuId, int SiteCount);

/// <summary>The connection plan (SL II.1 step 3): which slaves to cascade, and how deep the cascade is.</summary>
/// <param name="MasterMcuId">The master MCU (the chair room's).</param>
/// <param name="Links">Links to set up, parents before children.</param>
/// <param name="Levels">Cascade levels: 0 when every site is on the master.</param>
public sealed record ConnectionPlan(string MasterMcuId, IReadOnlyList<CascadeLink> Links, int Levels);

/// <summary>Plans the cascade with as few levels as the MCU tree allows: only the MCUs that carry sites, each straight to its master.</summary>
public static class CascadePlanner
{
    /// <summary>The plan for the given chair room and satellites.</summary>
    public static ConnectionPlan Plan(Site chair, IEnumerable<Site> satellites, IReadOnlyList<Mcu> mcus)
    {
        ArgumentNullException.ThrowIfNull(chair);
        Dictionary<string, Mcu> byId = mcus.ToDictionary(m => m.Id);
        string master = chair.McuId;
        var carried = satellites.GroupBy(s => s.McuId).ToDictionary(g => g.Key, g => g.Count());
        var links = new List<CascadeLink>();
        var depth = new Dictionary<string, int> { [master] = 0 };
        int Depth(string mcu)
        {
            if (depth.TryGetValue(mcu, out int d))
            {
                return d;
            }

            // SL II.1 step 3: a slave joins its own master; one whose master is not in use joins the chair's directly.
            string parent = byId.TryGetValue(mcu, out Mcu? m) && m.MasterMcuId is { } p && (p == master || carried.ContainsKey(p)) ? p : master;
            depth[mcu] = Depth(parent) + 1;
            links.Add(new CascadeLink(mcu, parent, carried.GetValueOrDefault(mcu)));
            return depth[mcu];
        }

        foreach (string mcu in carried.Keys.Where(k => k != master).Order(StringComparer.Ordinal))
        {
            Depth(mcu);
        }

        return new ConnectionPlan(master, links, depth.Values.DefaultIfEmpty(0).Max());
    }
}
