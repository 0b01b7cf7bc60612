namespace Hntt.Domain.Policy;

/// <summary>
/// Every deadline and interval of the meeting workflow, each from its article. Two presets (<see cref="ThanhHoa"/>,
/// <see cref="SonLa"/>); where the regulations differ, the province's preset decides.
/// </summary>
public sealed record MeetingPolicy
{
    /// <summary>The preset's name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Which revision of the preset's rules these values are. Raise it with any change of a value: a meeting records the
    /// version it was planned under (<see cref="Meetings.MeetingSchedule"/>) and keeps those values to its end.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>SL II.1 step 2: meeting details reach every unit within 15 minutes of the request.</summary>
    public TimeSpan DetailsWithin { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>TH Art. 7.2: the host notifies DIC at least 2 days before a planned meeting.</summary>
    public TimeSpan DicNoticeBefore { get; init; } = TimeSpan.FromDays(2);

    /// <summary>TH Art. 7.3: telecom and power company notified at least 1 day before.</summary>
    public TimeSpan TelecomAndPowerNoticeBefore { get; init; } = TimeSpan.FromDays(1);

    /// <summary>SL II.1 step 3: the connection plan is made before the rehearsal; this long before the start at the latest.</summary>
    public TimeSpan ConnectionPlanBefore { get; init; } = TimeSpan.FromDays(1) + TimeSpan.FromHours(1);

    /// <summary>TH Art. 11.1: the first test call of each satellite site, 1 day before.</summary>
    public TimeSpan FirstTestCallBefore { get; init; } = TimeSpan.FromDays(1);

    /// <summary>TH Art. 11.1: the second test call, 1 hour before.</summary>
    public TimeSpan SecondTestCallBefore { get; init; } = TimeSpan.FromHours(1);

    /// <summary>SL II.1 step 4–5: internal rehearsals done and slave MCUs cascaded into the master 2 hours before.</summary>
    public TimeSpan RehearsalAndCascadeBefore { get; init; } = TimeSpan.FromHours(2);

    /// <summary>SL II.1 step 5, SL II.2 step 3: the whole system ready 30 minutes before.</summary>
    public TimeSpan ReadyBefore { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A site silent this long after the first test-call request gets a reminder.</summary>
    public TimeSpan FirstTestReminderAfter { get; init; } = TimeSpan.FromHours(4);

    /// <summary>…and this long after the reminder, an escalation to its unit.</summary>
    public TimeSpan FirstTestEscalationAfter { get; init; } = TimeSpan.FromHours(4);

    /// <summary>A site silent this long after the second test-call request gets a reminder.</summary>
    public TimeSpan SecondTestReminderAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>…and this long after the reminder, an escalation to its unit.</summary>
    public TimeSpan SecondTestEscalationAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>SL II.1 step 6: a site the chair asks for is on the chair's screen within 30 seconds.</summary>
    public TimeSpan ChairSwitchLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>SL II.1 step 4: each room records its own rehearsal (audio, video, presentation, the slave's layout) by T-2 h; missing ones are reminded, then escalated.</summary>
    public bool RehearsalRecorded { get; init; }

    /// <summary>SL II.1 step 4: how long after the rehearsal deadline a room still without one is escalated.</summary>
    public TimeSpan RehearsalEscalationAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>While notices are undelivered (the mail server down), the workflow tries them again this often.</summary>
    public TimeSpan RedeliveryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Sites per notice batch: notices fan out in batches, never one activity per site.</summary>
    public int NoticeBatchSize { get; init; } = 500;

    /// <summary>Thanh Hóa, Decision 19/2018/QĐ-UBND: province ↔ district, DIC operates the central site.</summary>
    public static MeetingPolicy ThanhHoa { get; } = new() { Name = nameof(ThanhHoa), Version = "19/2018/QĐ-UBND r1" };

    /// <summary>Sơn La, Decision 333/QĐ-UBND (2022): four levels, several MCUs in cascade; PPC Office operates the central site.</summary>
    public static MeetingPolicy SonLa { get; } = new()
    {
        Name = nameof(SonLa),
        Version = "333/QĐ-UBND r2", // r2: rehearsals recorded per room (SL II.1 step 4)
        RehearsalRecorded = true,
        // SL II.1 step 3: with communes cascaded through district MCUs, the plan is due earlier.
        ConnectionPlanBefore = TimeSpan.FromDays(2),
        FirstTestReminderAfter = TimeSpan.FromHours(2),
        FirstTestEscalationAfter = TimeSpan.FromHours(2),
    };

    /// <summary>The same policy with every interval divided by <paramref name="factor"/>: the real workflow, run fast.</summary>
    public MeetingPolicy Compressed(double factor)
    {
        TimeSpan C(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / factor));
        return factor == 1 ? this : this with
        {
            Version = FormattableString.Invariant($"{Version} ÷{factor}"),
            DetailsWithin = C(DetailsWithin),
            DicNoticeBefore = C(DicNoticeBefore),
            TelecomAndPowerNoticeBefore = C(TelecomAndPowerNoticeBefore),
            ConnectionPlanBefore = C(ConnectionPlanBefore),
            FirstTestCallBefore = C(FirstTestCallBefore),
            SecondTestCallBefore = C(SecondTestCallBefore),
            RehearsalAndCascadeBefore = C(RehearsalAndCascadeBefore),
            ReadyBefore = C(ReadyBefore),
            FirstTestReminderAfter = C(FirstTestReminderAfter),
            FirstTestEscalationAfter = C(FirstTestEscalationAfter),
            SecondTestReminderAfter = C(SecondTestReminderAfter),
            SecondTestEscalationAfter = C(SecondTestEscalationAfter),
            RehearsalEscalationAfter = C(RehearsalEscalationAfter),
            RedeliveryInterval = C(RedeliveryInterval),
        };
    }
}
