namespace Hntt.Domain.Meetings;

/// <summary>Where a meeting stands: the one vocabulary of the workflow's status, the directory, the API and the pages.</summary>
public enum MeetingPhase
{
    /// <summary>Requested; the workflow is checking it against the rules and the bookings.</summary>
    Submitted,
    /// <summary>Planned: notices, tests and the cascade run to their deadlines (TH Art. 7, 11.1; SL II.1 steps 2–5).</summary>
    Preparing,
    /// <summary>Under way (SL II.1 step 6).</summary>
    InProgress,
    /// <summary>Ending or being cancelled: no more requests are taken.</summary>
    Closing,
    /// <summary>Held and reported (SL II.1 step 7).</summary>
    Done,
    /// <summary>Cancelled; everyone was told and the rooms freed.</summary>
    Cancelled,
    /// <summary>Refused by the rules; nothing was booked.</summary>
    Rejected,
}

/// <summary>The phase machine: which moves a meeting may make, and what a refused move leaves.</summary>
public static class MeetingPhases
{
    /// <summary>True once the meeting takes no more requests (a cancel accepted, or finished).</summary>
    public static bool IsClosed(this MeetingPhase phase) => phase is MeetingPhase.Closing or MeetingPhase.Done or MeetingPhase.Cancelled or MeetingPhase.Rejected;

    /// <summary>True when the meeting's workflow has finished.</summary>
    public static bool IsFinal(this MeetingPhase phase) => phase is MeetingPhase.Done or MeetingPhase.Cancelled or MeetingPhase.Rejected;

    /// <summary>Whether a meeting in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(this MeetingPhase from, MeetingPhase to) => (from, to) switch
    {
        (MeetingPhase.Submitted, MeetingPhase.Preparing or MeetingPhase.Rejected or MeetingPhase.Closing or MeetingPhase.Cancelled) => true,
        // A reschedule plans again (Preparing → Preparing), even when it is already under way.
        (MeetingPhase.Preparing or MeetingPhase.InProgress, MeetingPhase.Preparing or MeetingPhase.InProgress or MeetingPhase.Closing or MeetingPhase.Done or MeetingPhase.Cancelled) => true,
        // Once a cancel is accepted, only the end: a step the workflow took before the cancel cannot reopen it.
        (MeetingPhase.Closing, MeetingPhase.Done or MeetingPhase.Cancelled) => true,
        // Ops restarted a finished workflow: it plans anew.
        (MeetingPhase.Done or MeetingPhase.Cancelled or MeetingPhase.Rejected, MeetingPhase.Preparing) => true,
        _ => false,
    };

    /// <summary>The phase after asking to move: <paramref name="to"/> when allowed, <paramref name="from"/> otherwise.</summary>
    public static MeetingPhase Move(this MeetingPhase from, MeetingPhase to) => from.CanMove(to) ? to : from;
}
