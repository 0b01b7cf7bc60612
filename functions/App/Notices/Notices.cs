namespace Hntt.App.Notices;

/// <summary>Every notice the meeting workflow sends.</summary>
public enum NoticeKind
{
    /// <summary>SL II.1 step 2: the meeting's details, the request to assign technicians and test.</summary>
    Details,
    /// <summary>TH Art. 7.2: the plan, to DIC.</summary>
    DicNotice,
    /// <summary>TH Art. 7.3: line and power to be assured, to the telecom and the power company.</summary>
    TelecomAndPowerNotice,
    /// <summary>TH Art. 7.4: an emergency meeting, to DIC, telecom and power company (with a call list).</summary>
    EmergencyNotice,
    /// <summary>TH Art. 11.1: run the test call with the chair site.</summary>
    TestCallRequest,
    /// <summary>A site's result is missing: reminder to its technicians.</summary>
    Reminder,
    /// <summary>Still missing: escalation to the site's unit.</summary>
    Escalation,
    /// <summary>SL II.1 step 5: sites not ready, to the chair and ops.</summary>
    SitesAtRisk,
    /// <summary>The meeting moved.</summary>
    Reschedule,
    /// <summary>The meeting is cancelled.</summary>
    Cancellation,
    /// <summary>SL II.1 step 7: evaluate the session's quality.</summary>
    EvaluationRequest,
    /// <summary>The meeting's report.</summary>
    MeetingReport,
    /// <summary>SL II.1 step 6, TH Art. 11.2: an incident, to PPC Office and DIC.</summary>
    IncidentReport,
    /// <summary>Notices could not be delivered after every retry: to ops, with the reason.</summary>
    DeliveryFailure,
    /// <summary>The relay could not carry out a command after every retry: to DIC, the chair room and ops, with the reason.</summary>
    RelayFailure,
    /// <summary>A command reported as failed went through once the relay came back: to the same people.</summary>
    RelayRecovered,
    /// <summary>Every morning: the day's and the next day's meetings, to DIC and PPC Office.</summary>
    DailyDigest,
    /// <summary>The readiness sweep found a meeting whose workflow stopped before the meeting: to ops.</summary>
    WorkflowStalled,
    /// <summary>TH Art. 8.2–8.3: sites without two active technicians with phone and e-mail, to DIC.</summary>
    RegistryGaps,
    /// <summary>TH Art. 8.3: a technician was replaced; DIC plans the newcomer's training.</summary>
    TechnicianReplaced,
    /// <summary>TH Art. 8.8, 12.2: the year-end effectiveness report is due.</summary>
    YearEndReport,
    /// <summary>TH Art. 6.4: an inspection finding's fix is due soon.</summary>
    FindingReminder,
    /// <summary>TH Art. 6.4: an inspection finding's fix is overdue; DIC hears too.</summary>
    FindingOverdue,
}

/// <summary>One notice to one recipient.</summary>
/// <param name="MeetingId">The meeting.</param>
/// <param name="Kind">What it is.</param>
/// <param name="RecipientName">Who gets it.</param>
/// <param name="Email">Their official mailbox.</param>
/// <param name="Phone">Their phone, for the emergency call list.</param>
/// <param name="SiteId">The site it concerns, if any.</param>
/// <param name="Subject">Subject line (Vietnamese).</param>
/// <param name="Action">The one thing the recipient must do.</param>
public sealed record Notice(string MeetingId, NoticeKind Kind, string RecipientName, string? Email, string? Phone, string? SiteId, string Subject, string Action)
{
    /// <summary>The recipient's fax: emergency notices go by phone, fax and e-mail (TH Art. 7.4).</summary>
    public string? Fax { get; init; }

    /// <summary>Lines listed after the meeting's details (a digest's meetings, a check's findings).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>Where to act, when not the meeting's page (e.g. <c>/registry</c>).</summary>
    public string? LinkPath { get; init; }

    /// <summary>The meeting it is about: times, chair room, script and documents, revision (for the calendar invitation).</summary>
    public Meetings.MeetingSummary? Meeting { get; init; }
}

/// <summary>Delivers notices. E-mail delivery replaces the recording stand-in in the notices issue.</summary>
public interface INoticeSender
{
    /// <summary>Sends a batch of notices; sending the same notices again sends nothing twice.</summary>
    /// <exception cref="Email.NoticeDeliveryException">Some could not be delivered; they stay queued for <see cref="RedeliverAsync"/>.</exception>
    Task SendAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken);

    /// <summary>Sends the meeting's notices that failed before; returns how many are still undelivered.</summary>
    Task<int> RedeliverAsync(string meetingId, CancellationToken cancellationToken);
}

