using Hntt.App.Meetings;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;
using Microsoft.DurableTask;

using Microsoft.DurableTask.Client;

namespace Hntt.App.Api.Meetings;

/// <summary>The links Durable Functions users know from <c>CreateCheckStatusResponse</c>, for ops to follow a meeting's orchestration.</summary>
public sealed record ManagementLinks(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string SuspendPostUri, string ResumePostUri, string PurgeHistoryDeleteUri)
{
    /// <summary>The links for one instance under the runtime management API.</summary>
    public static ManagementLinks For(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        string instance = $"{request.Scheme}://{request.Host}/runtime/instances/{Uri.EscapeDataString(instanceId)}";
        return new(instanceId, instance, instance + "/raiseEvent/{eventName}", instance + "/terminate?reason={text}", instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}", instance);
    }
}

/// <summary>The answer to a submitted meeting or an accepted command: where to follow it.</summary>
public sealed record MeetingAccepted(string Id, string MeetingUri, ManagementLinks ManagementLinks)
{
    /// <summary>The answer for one meeting, with absolute links.</summary>
    public static MeetingAccepted For(HttpRequest request, string meetingId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(meetingId, $"{request.Scheme}://{request.Host}/api/meetings/{Uri.EscapeDataString(meetingId)}", ManagementLinks.For(request, meetingId));
    }
}

/// <summary>A meeting in a list: times are local (Asia/Ho_Chi_Minh) and UTC.</summary>
public sealed record MeetingListItem(string Id, string Title, string HostUnitId, MeetingKind Kind, DateTime LocalStart, DateTime LocalEnd, DateTime StartUtc, DateTime EndUtc,
    string? ChairSiteId, int SiteCount, MeetingPhase Phase)
{
    /// <summary>The host unit's name.</summary>
    public string? HostUnitName { get; init; }

    /// <summary>The chair room's name.</summary>
    public string? ChairSiteName { get; init; }

    /// <summary>The list line of a directory entry, with the registry's names.</summary>
    public static MeetingListItem From(MeetingEntry e, RegistryNames names)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(names);
        return new(e.MeetingId, e.Title, e.HostUnitId, e.Kind, VietnamTime.ToLocal(e.StartUtc), VietnamTime.ToLocal(e.EndUtc), e.StartUtc, e.EndUtc, e.ChairSiteId,
            e.SiteCount, e.Phase)
        {
            HostUnitName = names.Unit(e.HostUnitId),
            ChairSiteName = names.Site(e.ChairSiteId),
        };
    }
}

/// <summary>One page of meetings.</summary>
public sealed record MeetingPage(IReadOnlyList<MeetingListItem> Items, string? ContinuationToken);

/// <summary>One obligation of the meeting's timeline and where it stands: done, done-late, due, late or upcoming (or cancelled).</summary>
/// <param name="Kind">The obligation.</param>
/// <param name="LocalRunAt">When the workflow performs it, local time.</param>
/// <param name="LocalDeadline">When it is due, local time.</param>
/// <param name="Article">The article that asks for it.</param>
/// <param name="State">done, done-late, due, late, upcoming or cancelled.</param>
/// <param name="LateBy">For an obligation performed after its deadline (done-late): how late.</param>
public sealed record TimelineStep(ObligationKind Kind, DateTime LocalRunAt, DateTime LocalDeadline, string Article, string State, TimeSpan? LateBy = null);

/// <summary>A site's readiness: the three reports, and what the workflow did about it.</summary>
public sealed record SiteReadiness(string SiteId, SiteRole Role, SiteCheck? FirstTest, SiteCheck? SecondTest, SiteCheck? Ready,
    IReadOnlyList<ReadinessStage> Reminded, IReadOnlyList<ReadinessStage> Escalated, bool AtRisk)
{
    /// <summary>The room's name.</summary>
    public string? SiteName { get; init; }

    /// <summary>The room's internal rehearsal (SL II.1 step 4).</summary>
    public SiteCheck? Rehearsal { get; init; }

    /// <summary>The room has an open critical inspection finding (TH Art. 6.4): it may not hold up in a session.</summary>
    public bool Flagged { get; init; }

    /// <summary>The readiness of a site row, with the room's name.</summary>
    public static SiteReadiness From(MeetingSite s, RegistryNames names)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(names);
        return new(s.SiteId, s.Role, s.FirstTest, s.SecondTest, s.Ready, s.Reminded, s.Escalated, s.AtRisk) { SiteName = names.Site(s.SiteId), Rehearsal = s.Rehearsal };
    }
}

/// <summary>One meeting in full: its line, the orchestration's state, the timeline and a page of sites.</summary>
public sealed record MeetingDetails(MeetingListItem Meeting, OrchestrationRuntimeStatus? RuntimeStatus, MeetingStatus? Status, IReadOnlyList<TimelineStep> Timeline,
    ReadinessCounts? Readiness, IReadOnlyList<SiteReadiness> Sites, int SiteSkip, int SiteTotal)
{
    /// <summary>False when no relay is configured: no MCU is connected, and cascades and chair switches are refused.</summary>
    public bool RelayConnected { get; init; } = true;

    /// <summary>The version of the rules the meeting was planned under, once planned.</summary>
    public string? RulesVersion { get; init; }

    /// <summary>Invited rooms with an open critical inspection finding (TH Art. 6.4), whichever page of sites this is.</summary>
    public IReadOnlyList<string> FlaggedSites { get; init; } = [];
}

/// <summary>
/// Where each obligation stands, read from the phase and the next obligation the orchestration published: done
/// before it, late once its deadline passed, due once its time came, upcoming otherwise.
/// </summary>
internal static class TimelineStates
{
    /// <summary>The steps of the meeting's schedule; before it is planned, of the schedule <paramref name="policy"/> would give.</summary>
    public static IReadOnlyList<TimelineStep> Of(MeetingEntry meeting, MeetingStatus? status, DateTime nowUtc, MeetingPolicy policy)
    {
        IReadOnlyList<Obligation> timeline = meeting.Schedule?.Obligations
            ?? MeetingTimeline.Build(meeting.Kind, meeting.StartUtc, meeting.EndUtc, meeting.SubmittedAtUtc == default ? nowUtc : meeting.SubmittedAtUtc, policy);
        int next = status?.Next is { } kind ? Index(timeline, kind) : -1;
        Dictionary<ObligationKind, LateObligation> late = (status?.Late ?? []).GroupBy(l => l.Kind).ToDictionary(g => g.Key, g => g.Last());
        return timeline.Select((o, i) =>
        {
            string state = meeting.Phase switch
            {
                MeetingPhase.Done => "done",
                MeetingPhase.Cancelled or MeetingPhase.Rejected => o.RunAt <= nowUtc ? "done" : "cancelled",
                _ when next >= 0 && i < next => "done",
                _ when o.Deadline < nowUtc => "late",
                _ when o.RunAt <= nowUtc => "due",
                _ => "upcoming",
            };
            // A deadline missed stays missed once the step is done: shown with how late, never as plain "done".
            LateObligation? missed = state == "done" ? late.GetValueOrDefault(o.Kind) : null;
            return new TimelineStep(o.Kind, VietnamTime.ToLocal(o.RunAt), VietnamTime.ToLocal(o.Deadline), o.Article, missed is null ? state : "done-late", missed?.LateBy);
        }).ToList();
    }

    static int Index(IReadOnlyList<Obligation> timeline, ObligationKind kind)
    {
        for (int i = 0; i < timeline.Count; i++)
        {
            if (timeline[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Times people type: local wall-clock; an offset or a Z is honoured and turned into Vietnam's local time.</summary>
internal static class LocalTimes
{
    /// <summary>Within the years the service keeps meetings for; a date outside is refused before it reaches storage.</summary>
    public static bool InRange(DateTime? value) => value is null or { Year: >= 2000 and <= 2100 };

    /// <summary>The problem for a from/to query outside those years, or null.</summary>
    public static IResult? OutOfRange(DateTime? from, DateTime? to) =>
        InRange(from) && InRange(to) ? null : Problems.Invalid(InRange(from) ? "to" : "from", "range", "Ngày trong khoảng năm 2000–2100 (dates within 2000–2100).");

    public static DateTime Normalize(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => VietnamTime.ToLocal(value),
        DateTimeKind.Local => VietnamTime.ToLocal(value.ToUniversalTime()),
        _ => value,
    };

    public static MeetingRequest Normalize(MeetingRequest request) => request with
    {
        LocalStart = Normalize(request.LocalStart),
        LocalEnd = Normalize(request.LocalEnd),
        LocalRehearsal = request.LocalRehearsal is { } r ? Normalize(r) : null,
    };
}
