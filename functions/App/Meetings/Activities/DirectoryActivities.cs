using Hntt.Domain.Meetings;
using Microsoft.DurableTask;

namespace Hntt.App.Meetings.Activities;

/// <summary>A meeting's new phase for the lists, with its plan when the plan changed.</summary>
public sealed record PhaseChange(string MeetingId, MeetingPhase Phase, MeetingSummary? Summary = null)
{
    /// <summary>The schedule the meeting now runs from, when it changed: the meeting's page shows it.</summary>
    public MeetingSchedule? Schedule { get; init; }
}

/// <summary>Keeps the meeting's line in the directory current: phase, times, rooms.</summary>
internal sealed class RecordMeetingPhaseActivity(IMeetingDirectory directory) : TaskActivity<PhaseChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PhaseChange input)
    {
        await directory.UpdateAsync(input.MeetingId, input.Phase, input.Summary, input.Schedule, CancellationToken.None);
        return true;
    }
}
