using Hntt.App.Api.Meetings;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>How the meeting page reads each obligation's state from the orchestration's published next step.</summary>
public sealed class TimelineStatesTests
{
    static readonly DateTime Start = new(2026, 11, 27, 1, 0, 0, DateTimeKind.Utc); // 08:00 local
    static readonly MeetingEntry Meeting = new("m", "th-ubnd", "Giao ban", MeetingKind.Planned, Start, Start.AddHours(3), MeetingPhase.Preparing) { SubmittedAtUtc = Start.AddDays(-5) };

    static Dictionary<ObligationKind, string> States(ObligationKind next, DateTime now, MeetingPhase phase = MeetingPhase.Preparing) =>
        TimelineStates.Of(Meeting with { Phase = phase }, new MeetingStatus(phase, next, null, null, null, null), now, MeetingPolicy.ThanhHoa).ToDictionary(s => s.Kind, s => s.State);

    [Fact]
    public void Steps_before_the_next_are_done_its_own_is_due_and_later_ones_upcoming()
    {
        var states = States(ObligationKind.FirstTestCall, Start.AddDays(-1)); // its time has come, its deadline not passed

        Assert.Equal("done", states[ObligationKind.NotifyDic]);
        Assert.Equal("due", states[ObligationKind.FirstTestCall]);
        Assert.Equal("upcoming", states[ObligationKind.SecondTestCall]);
    }

    [Fact]
    public void A_step_past_its_deadline_that_the_workflow_has_not_reached_is_late_TH_Art_11_1()
    {
        // The workflow still waits on the connection plan (stopped, say) while the first test call's deadline passed.
        var states = States(ObligationKind.ConnectionPlan, Start.AddHours(-20));

        Assert.Equal("late", states[ObligationKind.ConnectionPlan]);
        Assert.Equal("late", states[ObligationKind.FirstTestCall]);
        Assert.Equal("upcoming", states[ObligationKind.SecondTestCall]);
    }

    [Fact]
    public void A_step_done_after_its_deadline_stays_late_with_how_late_once_the_workflow_moved_on()
    {
        DateTime deadline = Start.AddDays(-1);
        var status = new MeetingStatus(MeetingPhase.Preparing, ObligationKind.SecondTestCall, null, null, null, null)
        {
            Late = [new LateObligation(ObligationKind.FirstTestCall, deadline, deadline.AddMinutes(42))],
        };

        var steps = TimelineStates.Of(Meeting, status, Start.AddHours(-2), MeetingPolicy.ThanhHoa).ToDictionary(s => s.Kind);
        var done = TimelineStates.Of(Meeting with { Phase = MeetingPhase.Done }, status, Start.AddHours(4), MeetingPolicy.ThanhHoa).ToDictionary(s => s.Kind);

        Assert.Equal(("done-late", TimeSpan.FromMinutes(42)), (steps[ObligationKind.FirstTestCall].State, steps[ObligationKind.FirstTestCall].LateBy));
        Assert.Equal(("done", (TimeSpan?)null), (steps[ObligationKind.ConnectionPlan].State, steps[ObligationKind.ConnectionPlan].LateBy));
        Assert.Equal("done-late", done[ObligationKind.FirstTestCall].State);
    }

    [Fact]
    public void A_cancelled_meeting_shows_what_was_done_and_what_will_not_happen()
    {
        var states = States(ObligationKind.FirstTestCall, Start.AddDays(-2), phase: MeetingPhase.Cancelled);

        Assert.Equal("done", states[ObligationKind.SendDetails]);
        Assert.Equal("cancelled", states[ObligationKind.Start]);
    }
}
