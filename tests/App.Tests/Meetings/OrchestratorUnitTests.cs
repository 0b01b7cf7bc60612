using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Timers;
using Hntt.Domain.Meetings;
using Microsoft.DurableTask;
using Moq;

namespace Hntt.App.Tests.Meetings;

/// <summary>Orchestrator logic alone, on a mocked <see cref="TaskOrchestrationContext"/>, as Microsoft documents for Durable Functions: no engine, no storage.</summary>
public sealed class OrchestratorUnitTests
{
    [Fact]
    public async Task A_timer_job_runs_its_activity_with_retries_and_returns_what_it_did()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        var input = new ScheduledJobInput(ScheduledJobs.MorningDigest, new DateTime(2026, 12, 2, 23, 30, 0, DateTimeKind.Utc), PastDue: false);
        TaskOptions? used = null;
        context.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == "MorningDigestActivity"), input, It.IsAny<TaskOptions>()))
            .Callback((TaskName _, object? _, TaskOptions? options) => used = options)
            .ReturnsAsync("3 meetings to 2 recipients");

        string result = await new ScheduledJobOrchestration().RunAsync(context.Object, input);

        Assert.Equal("3 meetings to 2 recipients", result);
        Assert.Equal(5, used?.Retry?.Policy?.MaxNumberOfAttempts);
    }

    [Fact]
    public async Task A_request_planning_refuses_is_recorded_as_rejected_with_its_reasons_and_ends_without_waiting()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        var request = new MeetingRequest("th-ubnd", "Giao ban", MeetingKind.Planned, new DateTime(2026, 12, 1, 8, 0, 0), new DateTime(2026, 12, 1, 9, 0, 0),
            new SiteSelection(SiteIds: ["th-d-atlantis"]));
        var input = new MeetingInput("m-1", request);
        ValidationError[] reasons = [new("sites", "unknown", "Không có điểm cầu 'th-d-atlantis'.")];
        var phases = new List<MeetingPhase>();
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>()));
        context.Setup(c => c.CallActivityAsync<PlanResult>(It.Is<TaskName>(n => n.Name == nameof(PlanMeetingActivity)), input, It.IsAny<TaskOptions?>()))
            .ReturnsAsync(new PlanResult(null, reasons));
        context.Setup(c => c.CallActivityAsync<bool>(It.Is<TaskName>(n => n.Name == nameof(RecordMeetingPhaseActivity)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? phase, TaskOptions? _) => phases.Add(((PhaseChange)phase!).Phase))
            .ReturnsAsync(true);

        MeetingOutcome outcome = await new MeetingOrchestration().RunAsync(context.Object, input);

        Assert.Equal("Rejected", outcome.Status);
        Assert.Equal(reasons, outcome.Errors);
        Assert.Equal([MeetingPhase.Rejected], phases);
        context.Verify(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
