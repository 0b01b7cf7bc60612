using Hntt.App.Registry;
using Hntt.App.Relay;
using Hntt.Domain.Registry;
using Hntt.Domain.Rules;
using Microsoft.DurableTask;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings.Activities;

/// <summary>SL II.1 step 3: the connection plan with the fewest cascade levels, from the MCUs as registered now.</summary>
internal sealed class PlanConnectionActivity(IRegistry registry, IMeetingStore store) : TaskActivity<string, ConnectionPlan>
{
    public override async Task<ConnectionPlan> RunAsync(TaskActivityContext context, string meetingId)
    {
        RegistryData data = await registry.ReadAsync(CancellationToken.None);
        var view = new RegistryView(data);
        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(meetingId, CancellationToken.None);
        Site chair = view.Site(sites.Single(s => s.Role == SiteRole.Chair).SiteId)!;
        IEnumerable<Site> satellites = sites.Where(s => s.Role == SiteRole.Satellite).Select(s => view.Site(s.SiteId)).OfType<Site>();
        return CascadePlanner.Plan(chair, satellites, data.Mcus);
    }
}

/// <summary>The cascade to set up (SL II.1 step 5).</summary>
public sealed record CascadeRequest(string MeetingId, ConnectionPlan Plan);

/// <summary>SL II.1 step 5: every slave cascaded into the master, slaves on one site full-screen, through the relay.</summary>
internal sealed class CascadeActivity(IRelayClient relay) : TaskActivity<CascadeRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, CascadeRequest input)
    {
        await relay.CascadeAsync(input.MeetingId, input.Plan.MasterMcuId, input.Plan, CancellationToken.None);
        return input.Plan.Links.Count;
    }
}

/// <summary>The chair's request to see a site.</summary>
public sealed record BringToChairRequest(string MeetingId, string ChairSiteId, string SiteId, DateTime RequestedAtUtc);

/// <summary>SL II.1 step 6: the site on the chair's screen through the relay; returns the time from the request, in ms.</summary>
internal sealed class BringToChairActivity(IRelayClient relay, IRegistry registry, TimeProvider time) : TaskActivity<BringToChairRequest, double>
{
    public override async Task<double> RunAsync(TaskActivityContext context, BringToChairRequest input)
    {
        var (master, siteMcu) = new RegistryView(await registry.ReadAsync(CancellationToken.None)).ChairRoute(input.ChairSiteId, input.SiteId);
        await relay.BringToChairAsync(input.MeetingId, master, siteMcu, input.SiteId, $"{input.RequestedAtUtc.Ticks}|{input.SiteId}", CancellationToken.None);
        return (time.GetUtcNow().UtcDateTime - input.RequestedAtUtc).TotalMilliseconds;
    }
}
