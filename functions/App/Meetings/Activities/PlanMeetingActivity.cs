using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;
using Microsoft.DurableTask;

namespace Hntt.App.Meetings.Activities;

/// <summary>
/// Validates a request against the registry and the bookings, books the rooms and writes the site rows; returns the
/// meeting's schedule under this build's rules, which the workflow then runs from.
/// </summary>
internal sealed class PlanMeetingActivity(IRegistry registry, IMeetingStore store, PolicyCatalog catalog, TimeProvider time) : TaskActivity<MeetingInput, PlanResult>
{
    public override async Task<PlanResult> RunAsync(TaskActivityContext context, MeetingInput input)
    {
        var registryData = await registry.ReadAsync(CancellationToken.None);
        DateTime now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<RoomBooking> bookings = await store.AroundAsync(input.Request, CancellationToken.None);
        MeetingPolicy policy = catalog.For(input.Policy, input.PolicyCompression);
        var (plan, errors) = MeetingPlanner.Plan(input.Request, registryData, bookings, now, policy, input.MeetingId);
        if (plan is null)
        {
            return new PlanResult(null, errors);
        }

        // Idempotent: a retried activity rewrites the same rows and the same bookings.
        string[] rooms = [plan.ChairSiteId, .. plan.SatelliteSiteIds];
        await store.AddSitesAsync([new MeetingSite(input.MeetingId, plan.ChairSiteId, SiteRole.Chair),
            .. plan.SatelliteSiteIds.Select(id => new MeetingSite(input.MeetingId, id, SiteRole.Satellite))], CancellationToken.None);
        await store.BookAsync(input.MeetingId, rooms.Select(id => new RoomBooking(id, input.MeetingId, plan.StartUtc, plan.EndUtc)).ToList(), CancellationToken.None);
        return new PlanResult(Summarise(plan, plan.SatelliteSiteIds.Count, input.Request, registryData, revision: 0), [])
        {
            Schedule = MeetingSchedule.Plan(plan.Kind, plan.StartUtc, plan.EndUtc, now, policy),
        };
    }

    internal static MeetingSummary Summarise(MeetingPlan plan, int satellites, MeetingRequest request, Domain.Registry.RegistryData registry, int revision) =>
        new(plan.HostUnitId, plan.Title, plan.Kind, plan.StartUtc, plan.EndUtc, plan.ChairSiteId, satellites, plan.LateNotice)
        {
            ChairSiteName = registry.Sites.FirstOrDefault(s => s.Id == plan.ChairSiteId)?.Name,
            ScriptUrl = request.ScriptUrl,
            DocumentUrls = request.DocumentUrls ?? [],
            Revision = revision,
        };
}

/// <summary>
/// Moves a meeting: checks the new times against the bookings (its own excluded), re-books, and returns the new
/// schedule under the rules the meeting was planned with (not this build's).
/// </summary>
internal sealed class RescheduleMeetingActivity(IRegistry registry, IMeetingStore store, TimeProvider time) : TaskActivity<RescheduleInput, PlanResult>
{
    public override async Task<PlanResult> RunAsync(TaskActivityContext context, RescheduleInput input)
    {
        MeetingRequest moved = input.Meeting.Request with { LocalStart = input.LocalStart, LocalEnd = input.LocalEnd };
        IReadOnlyList<RoomBooking> bookings = await store.AroundAsync(moved, CancellationToken.None);
        MeetingPolicy policy = input.Policy;
        var registryData = await registry.ReadAsync(CancellationToken.None);
        DateTime now = time.GetUtcNow().UtcDateTime;
        var (plan, errors) = MeetingPlanner.Plan(moved, registryData, bookings, now, policy, input.Meeting.MeetingId);
        if (plan is null)
        {
            return new PlanResult(null, errors);
        }

        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(input.Meeting.MeetingId, CancellationToken.None);
        await store.BookAsync(input.Meeting.MeetingId, sites.Select(s => new RoomBooking(s.SiteId, input.Meeting.MeetingId, plan.StartUtc, plan.EndUtc)).ToList(), CancellationToken.None);
        var words = new List<string>();
        MeetingSite[] satellites = [.. sites.Where(s => s.Role == SiteRole.Satellite)];
        foreach (ReadinessStage stage in ReadinessCarryOver.Stages)
        {
            if (ReadinessCarryOver.Stale(sites, stage, plan.StartUtc, policy) is { Count: > 0 } stale)
            {
                await store.ForgetAsync(input.Meeting.MeetingId, stale, stage, CancellationToken.None);
            }

            int kept = satellites.Count(s => ReadinessCarryOver.Holds(s.Result(stage), stage, plan.StartUtc, policy));
            if (satellites.Any(s => s.Result(stage) is not null))
            {
                words.Add($"{ObligationNames.Of(ReadinessCarryOver.AskedBy(stage)).Vietnamese}: giữ kết quả của {kept} điểm cầu, {satellites.Length - kept} điểm cầu thực hiện theo lịch mới");
            }
        }

        return new PlanResult(PlanMeetingActivity.Summarise(plan, sites.Count - 1, moved, registryData, input.Revision + 1), [])
        {
            Schedule = MeetingSchedule.Plan(plan.Kind, plan.StartUtc, plan.EndUtc, now, policy),
            CarriedOver = words.Count == 0 ? null : string.Join("; ", words) + ".",
        };
    }
}

/// <summary>A reschedule request.</summary>
/// <param name="Meeting">What started the meeting.</param>
/// <param name="LocalStart">The new start, local.</param>
/// <param name="LocalEnd">The new end, local.</param>
/// <param name="Revision">The meeting's revision before the move.</param>
/// <param name="Policy">The rules of the meeting's schedule: a moved meeting keeps them.</param>
public sealed record RescheduleInput(MeetingInput Meeting, DateTime LocalStart, DateTime LocalEnd, int Revision, MeetingPolicy Policy);
