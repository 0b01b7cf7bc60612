using Hntt.App.Inspections;
using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Timers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Hntt.Functions.Workflow;

/// <summary>The orchestrations, bound to the Durable Functions orchestration trigger under the names the local host registers.</summary>
public static class OrchestratorFunctions
{
    /// <summary>The meeting, from the request to the report.</summary>
    [Function(nameof(MeetingOrchestration))]
    public static Task<MeetingOutcome> RunMeeting([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowRunner.RunOrchestrator<MeetingOrchestration, MeetingInput, MeetingOutcome>(context);

    /// <summary>An inspection finding followed up until it is closed (TH Art. 6.4).</summary>
    [Function(nameof(FindingFollowUpOrchestration))]
    public static Task<string> RunFindingFollowUp([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowRunner.RunOrchestrator<FindingFollowUpOrchestration, FindingWatch, string>(context);

    /// <summary>One occurrence of a timer's job, with retries.</summary>
    [Function(nameof(ScheduledJobOrchestration))]
    public static Task<string> RunScheduledJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        WorkflowRunner.RunOrchestrator<ScheduledJobOrchestration, ScheduledJobInput, string>(context);
}
