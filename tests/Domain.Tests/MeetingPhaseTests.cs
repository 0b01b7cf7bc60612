using Hntt.Domain.Meetings;
using static Hntt.Domain.Meetings.MeetingPhase;

namespace Hntt.Domain.Tests;

/// <summary>The phase machine, every pair: what may follow what, and what a refused move leaves.</summary>
public sealed class MeetingPhaseTests
{
    // Every allowed move, written out once more here so that a change to the machine is a change to this list too.
    static readonly HashSet<(MeetingPhase From, MeetingPhase To)> Allowed =
    [
        (Submitted, Preparing), (Submitted, Rejected), (Submitted, Closing), (Submitted, Cancelled),
        (Preparing, Preparing), (Preparing, InProgress), (Preparing, Closing), (Preparing, Done), (Preparing, Cancelled),
        (InProgress, Preparing), (InProgress, InProgress), (InProgress, Closing), (InProgress, Done), (InProgress, Cancelled),
        (Closing, Done), (Closing, Cancelled),
        (Done, Preparing), (Cancelled, Preparing), (Rejected, Preparing),
    ];

    public static TheoryData<MeetingPhase, MeetingPhase> EveryPair()
    {
        var pairs = new TheoryData<MeetingPhase, MeetingPhase>();
        foreach (MeetingPhase from in Enum.GetValues<MeetingPhase>())
        {
            foreach (MeetingPhase to in Enum.GetValues<MeetingPhase>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_move_is_allowed_exactly_when_listed_and_a_refused_move_keeps_the_phase(MeetingPhase from, MeetingPhase to)
    {
        bool allowed = Allowed.Contains((from, to));

        Assert.Equal(allowed, from.CanMove(to));
        Assert.Equal(allowed ? to : from, from.Move(to));
    }

    [Fact]
    public void A_meeting_whose_cancel_was_accepted_is_not_reopened_by_a_step_taken_before_it()
    {
        MeetingPhase phase = Preparing.Move(Closing).Move(Preparing).Move(InProgress);

        Assert.Equal(Closing, phase);
        Assert.Equal(Cancelled, phase.Move(Cancelled));
    }

    [Fact]
    public void Closed_means_no_more_requests_and_final_means_the_workflow_ended()
    {
        Assert.Equal([Closing, Done, Cancelled, Rejected], Enum.GetValues<MeetingPhase>().Where(p => p.IsClosed()));
        Assert.Equal([Done, Cancelled, Rejected], Enum.GetValues<MeetingPhase>().Where(p => p.IsFinal()));
    }
}
