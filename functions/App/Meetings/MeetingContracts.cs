using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>What starts a meeting's orchestration.</summary>
/// <param name="MeetingId">The meeting's id (also the instance id).</param>
/// <param name="Request">The coordinator's request.</param>
/// <param name="Policy">The policy preset: <c>ThanhHoa</c> or <c>SonLa</c>.</param>
/// <param name="PolicyCompression">Divides every interval (1 in production; larger to run the real workflow fast).</param>
public sealed record MeetingInput(string MeetingId, MeetingRequest Request, string Policy = "ThanhHoa", double PolicyCompression = 1);

/// <summary>An accepted meeting as the orchestration carries it: times and counts, never the site list.</summary>
public sealed record MeetingSummary(string HostUnitId, string Title, MeetingKind Kind, DateTime StartUtc, DateTime EndUtc, string ChairSiteId, int SiteCount, string? LateNotice)
{
    /// <summary>The chair room's name, for notices.</summary>
    public string? ChairSiteName { get; init; }

    /// <summary>The running order (kịch bản).</summary>
    public string? ScriptUrl { get; init; }

    /// <summary>Documents for the participants.</summary>
    public IReadOnlyList<string> DocumentUrls { get; init; } = [];

    /// <summary>Rises with each reschedule: the calendar invitation's SEQUENCE.</summary>
    public int Revision { get; init; }
}

/// <summary>The answer of planning: a summary and its schedule, or why the request was refused.</summary>
public sealed record PlanResult(MeetingSummary? Summary, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>The rules and obligations the meeting runs from, when it was accepted.</summary>
    public MeetingSchedule? Schedule { get; init; }

    /// <summary>After a reschedule: which rooms' test results still hold and which rooms test again, in words for the notice.</summary>
    public string? CarriedOver { get; init; }
}

/// <summary>How many sites have done what: the custom status and the report show it.</summary>
public sealed record ReadinessCounts(int Sites, int FirstTestPassed, int SecondTestPassed, int Ready, int Reminded, int Escalated, int AtRisk)
{
    /// <summary>Rooms whose rehearsal passed (SL II.1 step 4).</summary>
    public int Rehearsed { get; init; }
}

/// <summary>The custom status: where a meeting stands, at a glance.</summary>
/// <param name="Phase">Planning, Preparing, InProgress, Closing, Done, Cancelled or Rejected.</param>
/// <param name="Next">The next obligation.</param>
/// <param name="NextAtLocal">When it runs, local time.</param>
/// <param name="Article">Its article.</param>
/// <param name="Readiness">The latest counts.</param>
/// <param name="LateNotice">Why the request was late, if it was.</param>
public sealed record MeetingStatus(MeetingPhase Phase, ObligationKind? Next, DateTime? NextAtLocal, string? Article, ReadinessCounts? Readiness, string? LateNotice)
{
    /// <summary>The latest "bring site to chair" and how long it took, for the chair's board.</summary>
    public ChairSwitch? LastChairSwitch { get; init; }

    /// <summary>Obligations performed after their deadlines, and how late.</summary>
    public IReadOnlyList<LateObligation> Late { get; init; } = [];

    /// <summary>The relay command that failed and is being retried, if one is.</summary>
    public string? RelayPending { get; init; }
}

/// <summary>The meeting's report (SL II.1 step 7).</summary>
public sealed record MeetingReport(ReadinessCounts Readiness, IReadOnlyList<ChairSwitch> ChairSwitches, string? LateNotice, bool Cancelled)
{
    /// <summary>Incidents reported during the meeting.</summary>
    public int Incidents { get; init; }

    /// <summary>Of those, resolved by the end.</summary>
    public int IncidentsResolved { get; init; }

    /// <summary>Speaking requests from the sites (TH Art. 10.3).</summary>
    public int SpeakingRequests { get; init; }

    /// <summary>Why some closing notices are still queued, if they are.</summary>
    public string? UndeliveredNotices { get; init; }

    /// <summary>Why the cascade could not be torn down, if it could not.</summary>
    public string? TearDownFailure { get; init; }

    /// <summary>Obligations performed after their deadlines, and how late.</summary>
    public IReadOnlyList<LateObligation> Late { get; init; } = [];

    /// <summary>The version of the rules the meeting ran under (<see cref="Domain.Policy.MeetingPolicy.Version"/>).</summary>
    public string? RulesVersion { get; init; }
}

/// <summary>How a meeting's orchestration ended.</summary>
/// <param name="Status">Completed, Cancelled or Rejected.</param>
/// <param name="Errors">Why it was rejected.</param>
/// <param name="Report">The report, unless rejected.</param>
public sealed record MeetingOutcome(string Status, IReadOnlyList<ValidationError>? Errors = null, MeetingReport? Report = null);
