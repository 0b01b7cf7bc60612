using Hntt.App.Inspections;
using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Timers;
using Hntt.Domain.Rules;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Hntt.Functions.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.Functions.Workflow;

/// <summary>The activities, bound to the Durable Functions activity trigger under the names the orchestrations call.</summary>
public static class ActivityFunctions
{
    [Function(nameof(NudgeFindingActivity))]
    public static Task<bool> RunNudgeFinding([ActivityTrigger] FindingNudge input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<NudgeFindingActivity, FindingNudge, bool>(input, instanceId, function);

    [Function(nameof(PlanMeetingActivity))]
    public static Task<PlanResult> RunPlanMeeting([ActivityTrigger] MeetingInput input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<PlanMeetingActivity, MeetingInput, PlanResult>(input, instanceId, function);

    [Function(nameof(RescheduleMeetingActivity))]
    public static Task<PlanResult> RunRescheduleMeeting([ActivityTrigger] RescheduleInput input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<RescheduleMeetingActivity, RescheduleInput, PlanResult>(input, instanceId, function);

    [Function(nameof(PlanConnectionActivity))]
    public static Task<ConnectionPlan> RunPlanConnection([ActivityTrigger] string input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<PlanConnectionActivity, string, ConnectionPlan>(input, instanceId, function);

    [Function(nameof(CascadeActivity))]
    public static Task<int> RunCascade([ActivityTrigger] CascadeRequest input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<CascadeActivity, CascadeRequest, int>(input, instanceId, function);

    [Function(nameof(BringToChairActivity))]
    public static Task<double> RunBringToChair([ActivityTrigger] BringToChairRequest input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<BringToChairActivity, BringToChairRequest, double>(input, instanceId, function);

    [Function(nameof(RecordMeetingPhaseActivity))]
    public static Task<bool> RunRecordMeetingPhase([ActivityTrigger] PhaseChange input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<RecordMeetingPhaseActivity, PhaseChange, bool>(input, instanceId, function);

    [Function(nameof(SendSiteNoticesActivity))]
    public static Task<int> RunSendSiteNotices([ActivityTrigger] SiteNoticeBatch input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<SendSiteNoticesActivity, SiteNoticeBatch, int>(input, instanceId, function);

    [Function(nameof(NotifyAuthoritiesActivity))]
    public static Task<int> RunNotifyAuthorities([ActivityTrigger] AuthorityNotice input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<NotifyAuthoritiesActivity, AuthorityNotice, int>(input, instanceId, function);

    [Function(nameof(RedeliverNoticesActivity))]
    public static Task<int> RunRedeliverNotices([ActivityTrigger] string input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<RedeliverNoticesActivity, string, int>(input, instanceId, function);

    [Function(nameof(FollowUpSitesActivity))]
    public static Task<ReadinessCounts> RunFollowUpSites([ActivityTrigger] FollowUp input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<FollowUpSitesActivity, FollowUp, ReadinessCounts>(input, instanceId, function);

    [Function(nameof(EscalateDeliveryFailureActivity))]
    public static Task<bool> RunEscalateDeliveryFailure([ActivityTrigger] DeliveryFailure input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<EscalateDeliveryFailureActivity, DeliveryFailure, bool>(input, instanceId, function);

    [Function(nameof(ReportIncidentActivity))]
    public static Task<int> RunReportIncident([ActivityTrigger] IncidentNotice input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<ReportIncidentActivity, IncidentNotice, int>(input, instanceId, function);

    [Function(nameof(ReportRelayFailureActivity))]
    public static Task<int> RunReportRelayFailure([ActivityTrigger] RelayFailureNotice input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<ReportRelayFailureActivity, RelayFailureNotice, int>(input, instanceId, function);

    [Function(nameof(ReportRelayRecoveredActivity))]
    public static Task<int> RunReportRelayRecovered([ActivityTrigger] RelayFailureNotice input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<ReportRelayRecoveredActivity, RelayFailureNotice, int>(input, instanceId, function);

    [Function(nameof(CloseMeetingActivity))]
    public static Task<MeetingReport> RunCloseMeeting([ActivityTrigger] CloseRequest input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<CloseMeetingActivity, CloseRequest, MeetingReport>(input, instanceId, function);

    [Function(nameof(MorningDigestActivity))]
    public static Task<string> RunMorningDigest([ActivityTrigger] ScheduledJobInput input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<MorningDigestActivity, ScheduledJobInput, string>(input, instanceId, function);

    [Function(nameof(RegistryCheckActivity))]
    public static Task<string> RunRegistryCheck([ActivityTrigger] ScheduledJobInput input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<RegistryCheckActivity, ScheduledJobInput, string>(input, instanceId, function);

    [Function(nameof(YearEndReportActivity))]
    public static Task<string> RunYearEndReport([ActivityTrigger] ScheduledJobInput input, string instanceId, FunctionContext function) =>
        WorkflowRunner.RunActivity<YearEndReportActivity, ScheduledJobInput, string>(input, instanceId, function);

    // The sweep asks the task hub which meetings' orchestrations stopped: it binds the durable client.
    [Function(nameof(ReadinessSweepActivity))]
    public static Task<string> RunReadinessSweep([ActivityTrigger] ScheduledJobInput input, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext function)
    {
        function.InstanceServices.GetRequiredService<BoundDurableClient>().Bind(client);
        return WorkflowRunner.RunActivity<ReadinessSweepActivity, ScheduledJobInput, string>(input, instanceId, function);
    }
}
