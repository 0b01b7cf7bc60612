using Hntt.Domain.Policy;

namespace Hntt.Domain.Meetings;

/// <summary>The obligations of the meeting workflow's clock (regulations.md, "Timed obligations").</summary>
public enum ObligationKind
{
    /// <summary>SL II.1 step 2: details to every unit.</summary>
    SendDetails,
    /// <summary>TH Art. 7.2: notice to DIC.</summary>
    NotifyDic,
    /// <summary>TH Art. 7.3: notice to the telecom and the power company.</summary>
    NotifyTelecomAndPower,
    /// <summary>TH Art. 7.4, SL II.2 step 1: emergency notices by phone, fax and e-mail.</summary>
    EmergencyNotices,
    /// <summary>SL II.1 step 3: the connection plan with the fewest cascade levels.</summary>
    ConnectionPlan,
    /// <summary>TH Art. 11.1: first test call of every satellite site.</summary>
    FirstTestCall,
    /// <summary>Reminder to the sites without a first test result.</summary>
    FirstTestReminder,
    /// <summary>Escalation of the sites still without one.</summary>
    FirstTestEscalation,
    /// <summary>SL II.1 steps 4–5: rehearsals recorded, slaves cascaded into the master.</summary>
    RehearsalAndCascade,
    /// <summary>TH Art. 11.1: second test call.</summary>
    SecondTestCall,
    /// <summary>Reminder to the sites without a second test result.</summary>
    SecondTestReminder,
    /// <summary>Escalation of the sites still without one.</summary>
    SecondTestEscalation,
    /// <summary>SL II.1 step 5: everything ready; the sites that are not go to the chair and ops.</summary>
    ReadyCheck,
    /// <summary>The meeting opens.</summary>
    Start,
    /// <summary>SL II.1 step 7: teardown, evaluation request, logbook, report.</summary>
    End,
    /// <summary>SL II.1 step 4: the rooms without a rehearsal recorded by T-2 h are reminded.</summary>
    RehearsalReminder,
    /// <summary>SL II.1 step 4: the rooms still without one are escalated to their unit.</summary>
    RehearsalEscalation,
}

/// <summary>One obligation: when the workflow performs it, and the deadline it answers to.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="RunAt">When the workflow performs it (UTC).</param>
/// <param name="Deadline">The latest the regulation allows (UTC).</param>
/// <param name="Article">Where the rule comes from.</param>
public sealed record Obligation(ObligationKind Kind, DateTime RunAt, DateTime Deadline, string Article)
{
    /// <summary>True when the workflow can only perform it after its deadline (a late request).</summary>
    public bool IsLate => RunAt > Deadline;
}

/// <summary>
/// An obligation performed after its deadline: a request that came too late for it, or a workflow held up. It stays
/// on the record, with how late, in the meeting's status, on its page and in its report.
/// </summary>
/// <param name="Kind">The obligation.</param>
/// <param name="DeadlineUtc">When it was due.</param>
/// <param name="DoneAtUtc">When the workflow performed it.</param>
public sealed record LateObligation(ObligationKind Kind, DateTime DeadlineUtc, DateTime DoneAtUtc)
{
    /// <summary>How late a workflow may be before an obligation counts as missed: timers fire when the engine next polls.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How late it was.</summary>
    public TimeSpan LateBy => DoneAtUtc - DeadlineUtc;

    /// <summary>The record of <paramref name="obligation"/> performed at <paramref name="nowUtc"/>, or null when it was in time.</summary>
    public static LateObligation? Of(Obligation obligation, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        return obligation.IsLate || nowUtc - obligation.Deadline > Grace ? new(obligation.Kind, obligation.Deadline, nowUtc) : null;
    }
}

/// <summary>Builds the ordered obligations of one meeting from its times and the policy.</summary>
public static class MeetingTimeline
{
    /// <summary>The obligations, in the order the workflow performs them.</summary>
    /// <param name="kind">Planned or emergency.</param>
    /// <param name="start">Start (UTC).</param>
    /// <param name="end">End (UTC).</param>
    /// <param name="now">When the request is accepted (or rescheduled), UTC.</param>
    /// <param name="policy">The policy.</param>
    public static IReadOnlyList<Obligation> Build(MeetingKind kind, DateTime start, DateTime end, DateTime now, MeetingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var all = new List<Obligation>();
        void At(ObligationKind k, DateTime deadline, string article, DateTime? runAt = null) =>
            all.Add(new Obligation(k, Max(now, runAt ?? deadline), deadline, article));

        if (kind == MeetingKind.Emergency)
        {
            // TH Art. 7.4, SL II.2: notify at once, connect, test, ready 30 minutes before or as soon as possible.
            At(ObligationKind.EmergencyNotices, now, "TH Art. 7.4, SL II.2 step 1", now);
            At(ObligationKind.ConnectionPlan, now, "SL II.2 step 2", now);
            At(ObligationKind.RehearsalAndCascade, now, "SL II.2 step 2", now);
            At(ObligationKind.SecondTestCall, now, "SL II.2 step 3", now);
            At(ObligationKind.SecondTestReminder, Max(now, start - policy.ReadyBefore), "SL II.2 step 3", now + policy.SecondTestReminderAfter);
            At(ObligationKind.ReadyCheck, start - policy.ReadyBefore, "SL II.2 step 3");
        }
        else
        {
            // Notices that must arrive "at least N before" go out at once: the earliest is the safest.
            At(ObligationKind.SendDetails, now + policy.DetailsWithin, "SL II.1 step 2", now);
            At(ObligationKind.NotifyDic, start - policy.DicNoticeBefore, "TH Art. 7.2", now);
            At(ObligationKind.NotifyTelecomAndPower, start - policy.TelecomAndPowerNoticeBefore, "TH Art. 7.3", now);
            At(ObligationKind.ConnectionPlan, start - policy.ConnectionPlanBefore, "SL II.1 step 3");
            DateTime firstTest = start - policy.FirstTestCallBefore;
            At(ObligationKind.FirstTestCall, firstTest, "TH Art. 11.1");
            DateTime firstReminder = Max(now, firstTest) + policy.FirstTestReminderAfter;
            At(ObligationKind.FirstTestReminder, firstReminder, "TH Art. 11.1");
            At(ObligationKind.FirstTestEscalation, firstReminder + policy.FirstTestEscalationAfter, "TH Art. 11.1");
            At(ObligationKind.RehearsalAndCascade, start - policy.RehearsalAndCascadeBefore, "SL II.1 steps 4-5");
            if (policy.RehearsalRecorded)
            {
                DateTime rehearsed = start - policy.RehearsalAndCascadeBefore;
                At(ObligationKind.RehearsalReminder, rehearsed, "SL II.1 step 4");
                At(ObligationKind.RehearsalEscalation, Max(now, rehearsed) + policy.RehearsalEscalationAfter, "SL II.1 step 4");
            }

            DateTime secondTest = start - policy.SecondTestCallBefore;
            At(ObligationKind.SecondTestCall, secondTest, "TH Art. 11.1");
            DateTime secondReminder = Max(now, secondTest) + policy.SecondTestReminderAfter;
            At(ObligationKind.SecondTestReminder, secondReminder, "TH Art. 11.1");
            At(ObligationKind.SecondTestEscalation, secondReminder + policy.SecondTestEscalationAfter, "TH Art. 11.1");
            At(ObligationKind.ReadyCheck, start - policy.ReadyBefore, "SL II.1 step 5");
        }

        At(ObligationKind.Start, start, "SL II.1 step 6");
        At(ObligationKind.End, end, "SL II.1 step 7");

        // A first-test ladder that would run into the second test call has nothing left to do: drop it.
        all.RemoveAll(o => o.Kind is ObligationKind.FirstTestReminder or ObligationKind.FirstTestEscalation
            && o.RunAt >= start - policy.SecondTestCallBefore);
        all.RemoveAll(o => o.Kind is ObligationKind.FirstTestCall && start - now < policy.SecondTestCallBefore);
        return [.. all.OrderBy(o => o.RunAt).ThenBy(o => o.Kind)];
    }

    static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
