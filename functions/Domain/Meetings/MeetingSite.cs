
namespace Hntt.Domain.Meetings;

/// <summary>A site's part in a meeting.</summary>
public enum SiteRole
{
    /// <summary>The chair room.</summary>
    Chair,
    /// <summary>A participating room.</summary>
    Satellite,
}

/// <summary>Which readiness step a site reports on.</summary>
public enum ReadinessStage
{
    /// <summary>TH Art. 11.1: the test call one day before.</summary>
    FirstTest,
    /// <summary>TH Art. 11.1: the test call one hour before.</summary>
    SecondTest,
    /// <summary>SL II.1 step 5: ready 30 minutes before.</summary>
    Ready,
    /// <summary>SL II.1 step 4: the room's internal rehearsal, finished and recorded 2 hours before (Sơn La).</summary>
    Rehearsal,
}

/// <summary>What a technician reported: audio, video, and notes on quality.</summary>
/// <param name="Audio">Audio works.</param>
/// <param name="Video">Video works.</param>
/// <param name="Notes">Quality notes.</param>
/// <param name="AtUtc">When it was reported.</param>
public sealed record SiteCheck(bool Audio, bool Video, string? Notes, DateTime AtUtc)
{
    /// <summary>A rehearsal's result (SL II.1 step 4): the presentation (slides, documents) shows.</summary>
    public bool? Presentation { get; init; }

    /// <summary>A rehearsal's result (SL II.1 step 5): the slave MCU shows the layout it must (one site full-screen); null where the room has no slave MCU.</summary>
    public bool? SlaveLayout { get; init; }

    /// <summary>True when audio and video work, and whatever else was checked.</summary>
    public bool Passed => Audio && Video && Presentation != false && SlaveLayout != false;
}

/// <summary>
/// One site of one meeting: what it reported and what the workflow did about it. Kept in a table the workflow
/// consults at its deadlines, so the orchestration's history does not grow with the number of sites.
/// </summary>
public sealed record MeetingSite(string MeetingId, string SiteId, SiteRole Role)
{
    /// <summary>The first test call's result.</summary>
    public SiteCheck? FirstTest { get; init; }

    /// <summary>The second test call's result.</summary>
    public SiteCheck? SecondTest { get; init; }

    /// <summary>The readiness confirmation.</summary>
    public SiteCheck? Ready { get; init; }

    /// <summary>The internal rehearsal's result (SL II.1 step 4).</summary>
    public SiteCheck? Rehearsal { get; init; }

    /// <summary>Stages whose reminder this site got.</summary>
    public IReadOnlyList<ReadinessStage> Reminded { get; init; } = [];

    /// <summary>Stages whose escalation this site got.</summary>
    public IReadOnlyList<ReadinessStage> Escalated { get; init; } = [];

    /// <summary>On the chair's and ops' list of sites at risk.</summary>
    public bool AtRisk { get; init; }

    /// <summary>The result for a stage, if reported.</summary>
    public SiteCheck? Result(ReadinessStage stage) => stage switch
    {
        ReadinessStage.FirstTest => FirstTest,
        ReadinessStage.SecondTest => SecondTest,
        ReadinessStage.Rehearsal => Rehearsal,
        _ => Ready,
    };

    /// <summary>True when the site has a passing result for the stage, or confirmed readiness at a later stage.</summary>
    public bool Confirmed(ReadinessStage stage) =>
        Result(stage)?.Passed == true || (stage < ReadinessStage.Ready && Confirmed(stage + 1));

    /// <summary>The site without its result for the stage nor the workflow's marks for it (at risk goes with the second test).</summary>
    public MeetingSite Forgotten(ReadinessStage stage) => (stage switch
    {
        ReadinessStage.FirstTest => this with { FirstTest = null },
        ReadinessStage.SecondTest => this with { SecondTest = null, AtRisk = false },
        ReadinessStage.Rehearsal => this with { Rehearsal = null },
        _ => this with { Ready = null },
    }) with
    {
        Reminded = [.. Reminded.Where(s => s != stage)],
        Escalated = [.. Escalated.Where(s => s != stage)],
    };

    /// <summary>The site with the workflow's mark for the stage added (a mark is kept once).</summary>
    public MeetingSite Marked(SiteMark mark, ReadinessStage stage) => mark switch
    {
        SiteMark.Reminded => this with { Reminded = [.. Reminded.Append(stage).Distinct()] },
        SiteMark.Escalated => this with { Escalated = [.. Escalated.Append(stage).Distinct()] },
        _ => this with { AtRisk = true },
    };
}

/// <summary>A mark the workflow puts on sites.</summary>
public enum SiteMark
{
    /// <summary>Reminded for the stage.</summary>
    Reminded,
    /// <summary>Escalated for the stage.</summary>
    Escalated,
    /// <summary>On the at-risk list.</summary>
    AtRisk,
}

/// <summary>
/// A room's logbook entry for one session (TH Art. 4.3): technician on duty, connection quality, faults and
/// fixes, signed. Opened by the workflow when the meeting ends; the technician completes and signs it.
/// </summary>
public sealed record LogbookEntry(string SiteId, string MeetingId, string Session, DateTime StartUtc, DateTime EndUtc, IReadOnlyList<string> TechniciansOnDuty)
{
    /// <summary>Connection quality as the technician judges it.</summary>
    public string? Quality { get; init; }

    /// <summary>Faults and how they were fixed.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>Signed by the technician.</summary>
    public bool SignedByTechnician { get; init; }
}

/// <summary>A site asks for the floor (TH Art. 10.3): the chair-site technician keeps the list in order.</summary>
public sealed record SpeakingRequest(string MeetingId, string SiteId, DateTime RequestedAtUtc, string? Topic)
{
    /// <summary>When the chair gave the floor; null while waiting.</summary>
    public DateTime? GrantedAtUtc { get; init; }
}

/// <summary>What went wrong at a site during a meeting.</summary>
public enum IncidentKind
{
    /// <summary>The call dropped.</summary>
    DroppedCall,
    /// <summary>Sound is poor or missing.</summary>
    DegradedAudio,
    /// <summary>Picture is poor or missing.</summary>
    DegradedVideo,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>An incident (SL II.1 step 6, TH Art. 11.2): fixed at once, reported to PPC Office and DIC, tracked to resolution.</summary>
public sealed record Incident(string Id, string MeetingId, string SiteId, IncidentKind Kind, string Description, DateTime ReportedAtUtc)
{
    /// <summary>When it was fixed.</summary>
    public DateTime? ResolvedAtUtc { get; init; }

    /// <summary>How it was fixed.</summary>
    public string? Resolution { get; init; }
}
