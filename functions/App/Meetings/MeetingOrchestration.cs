using System.Text.Json;
using Hntt.App.Meetings.Activities;
using Hntt.App.Notices;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;
using Hntt.Domain.Rules;
using Microsoft.DurableTask;

namespace Hntt.App.Meetings;

/// <summary>
/// One meeting, from the request to the report: walks the obligations of its <see cref="MeetingSchedule"/> in order,
/// waiting for each one's time on a durable timer while taking cancel, reschedule and "bring site to chair"
/// requests at any moment. The schedule comes from planning, recorded in the history, so the meeting keeps the
/// rules it was planned under whatever this code's presets say by the time it runs. Per-site state lives in the
/// meeting store; the history holds one activity per obligation (and per notice batch), so it does not grow with
/// the number of sites. Changes that alter the history's shape raise the task hub's <c>defaultVersion</c> and branch
/// on <see cref="TaskOrchestrationContext.Version"/> (docs/workflow.md, "Versions").
/// </summary>
internal sealed class MeetingOrchestration : TaskOrchestrator<MeetingInput, MeetingOutcome>
{
    public override async Task<MeetingOutcome> RunAsync(TaskOrchestrationContext context, MeetingInput input)
    {
        context.SetCustomStatus(new MeetingStatus(MeetingPhase.Submitted, null, null, null, null, null));
        PlanResult planned = await context.CallActivityAsync<PlanResult>(nameof(PlanMeetingActivity), input);
        if (planned.Summary is not { } meeting)
        {
            context.SetCustomStatus(new MeetingStatus(MeetingPhase.Rejected, null, null, null, null, null));
            await context.CallActivityAsync<bool>(nameof(RecordMeetingPhaseActivity), new PhaseChange(input.MeetingId, MeetingPhase.Rejected));
            return new MeetingOutcome("Rejected", planned.Errors);
        }

        MeetingSchedule schedule = planned.Schedule
            ?? throw new InvalidOperationException($"Meeting '{input.MeetingId}' was planned without a schedule: its history predates version 1.");
        MeetingPolicy policy = schedule.Policy;
        // Version 2 keeps a cascade the relay could not take pending and retries it, and wakes early only when it
        // chose to. Meetings started as version 1 replay the way they ran (docs/workflow.md, "Versions").
        bool v2 = context.CompareVersionTo("2") >= 0;
        var run = new MeetingRun(context, input, policy, meeting) { RetriesRelay = v2 };
        await run.RecordPhaseAsync(MeetingPhase.Preparing, meeting, schedule);
        IReadOnlyList<Obligation> timeline = schedule.Obligations;
        for (int next = 0; next < timeline.Count;)
        {
            Obligation obligation = timeline[next];
            run.Publish(obligation);
            DateTime wakeAt = run.CatchingUp ? Min(obligation.RunAt, context.CurrentUtcDateTime + policy.RedeliveryInterval) : obligation.RunAt;
            JsonElement? raised = await WaitUntilAsync(context, wakeAt);
            if (raised is { } payload)
            {
                switch (CommandEvents.Read(payload))
                {
                    case CancelMeeting cancel:
                        return new MeetingOutcome("Cancelled", Report: await run.CloseAsync(cancelled: true, cancel.Reason));
                    case RescheduleMeeting move when await run.RescheduleAsync(move) is { } moved:
                        timeline = [.. moved.Obligations.Where(o => !run.NotifiedOnce(o.Kind))];
                        next = 0;
                        break;
                    case BringToChair bring:
                        await run.BringToChairAsync(bring.SiteId, bring.RequestedAtUtc);
                        break;
                    case ChairSwitched done:
                        await run.RecordChairSwitchAsync(done.Switch);
                        break;
                    case ReportIncident incident:
                        await run.ReportIncidentAsync(incident.IncidentId);
                        break;
                    // A refused reschedule, or a payload that is no valid command: nothing changes.
                }

                continue;
            }

            // Version 1 took a timer that fired a moment early (queues hide messages in whole seconds) for a wake-up to catch up.
            if (v2 ? wakeAt < obligation.RunAt : context.CurrentUtcDateTime < obligation.RunAt)
            {
                await run.CatchUpAsync(); // the undelivered notices and the pending relay command, tried again
                continue;
            }

            await run.PerformAsync(obligation);
            next++;
        }

        // Nothing is lost while the mail server is down: keep trying the queued notices for a day after the end.
        for (int attempt = 0; run.DeliveryBacklog && attempt < TimeSpan.FromDays(1) / policy.RedeliveryInterval; attempt++)
        {
            await context.CreateTimer(policy.RedeliveryInterval, CancellationToken.None);
            await run.RedeliverAsync();
        }

        return new MeetingOutcome("Completed", Report: run.Report);
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Waits until <paramref name="at"/>; returns what was raised as a command if that comes first (its waiter is withdrawn otherwise).</summary>
    static async Task<JsonElement?> WaitUntilAsync(TaskOrchestrationContext context, DateTime at)
    {
        if (at <= context.CurrentUtcDateTime)
        {
            return null;
        }

        using var timerCancellation = new CancellationTokenSource();
        using var waitCancellation = new CancellationTokenSource();
        Task timer = context.CreateTimer(at, timerCancellation.Token);
        Task<JsonElement> control = context.WaitForExternalEvent<JsonElement>(MeetingCommand.EventName, waitCancellation.Token);
        if (await Task.WhenAny(timer, control) == control)
        {
            timerCancellation.Cancel();
            return await control;
        }

        waitCancellation.Cancel();
        return null;
    }

    /// <summary>The state of one run: what was done, the latest counts, the chair switches.</summary>
    sealed class MeetingRun(TaskOrchestrationContext context, MeetingInput input, MeetingPolicy policy, MeetingSummary meeting)
    {
        readonly HashSet<ObligationKind> done = [];
        readonly List<LateObligation> late = [];
        readonly List<ChairSwitch> chairSwitches = [];
        ConnectionPlan? connection;
        bool cascaded;
        bool cascadePending;
        MeetingPhase phase = MeetingPhase.Preparing;
        ReadinessCounts? readiness;

        public MeetingSummary Meeting { get; private set; } = meeting;

        public MeetingReport? Report { get; private set; }

        /// <summary>Some notices failed every retry and wait in the outbox.</summary>
        public bool DeliveryBacklog { get; private set; }

        /// <summary>A cascade the relay could not take is retried until it goes through or the meeting ends (version 2 on).</summary>
        public bool RetriesRelay { get; init; }

        /// <summary>Something waits to be tried again: notices in the outbox, or the cascade.</summary>
        public bool CatchingUp => DeliveryBacklog || cascadePending;

        public async Task RedeliverAsync() =>
            DeliveryBacklog = await context.CallActivityAsync<int>(nameof(RedeliverNoticesActivity), input.MeetingId, Retry) > 0;

        /// <summary>Tries again what waits; version 1 redelivered on every early wake-up, with or without a backlog.</summary>
        public async Task CatchUpAsync()
        {
            if (DeliveryBacklog || !RetriesRelay)
            {
                await RedeliverAsync();
            }

            if (cascadePending)
            {
                await RetryCascadeAsync();
            }
        }

        /// <summary>Announcements sent once; after a reschedule everyone gets a reschedule notice instead.</summary>
        public bool NotifiedOnce(ObligationKind kind) =>
            kind is ObligationKind.SendDetails or ObligationKind.NotifyDic or ObligationKind.NotifyTelecomAndPower or ObligationKind.EmergencyNotices
            && done.Contains(kind);

        public void Publish(Obligation next) => Publish(next.Kind, VietnamTime.ToLocal(next.RunAt), next.Article, readiness);

        void Publish(ObligationKind? next, DateTime? atLocal, string? article, ReadinessCounts? counts) =>
            context.SetCustomStatus(new MeetingStatus(phase, next, atLocal, article, counts, Meeting.LateNotice)
            {
                LastChairSwitch = chairSwitches.LastOrDefault(),
                Late = [.. late],
                RelayPending = cascadePending ? "Cascade" : null,
            });

        public async Task PerformAsync(Obligation obligation)
        {
            if (LateObligation.Of(obligation, context.CurrentUtcDateTime) is { } missed)
            {
                late.Add(missed);
            }

            switch (obligation.Kind)
            {
                case ObligationKind.SendDetails:
                    await FanOutAsync(NoticeKind.Details);
                    break;
                case ObligationKind.NotifyDic:
                    await NotifyAuthoritiesAsync(NoticeKind.DicNotice);
                    break;
                case ObligationKind.NotifyTelecomAndPower:
                    await NotifyAuthoritiesAsync(NoticeKind.TelecomAndPowerNotice);
                    break;
                case ObligationKind.EmergencyNotices:
                    await Task.WhenAll(NotifyAuthoritiesAsync(NoticeKind.EmergencyNotice), FanOutAsync(NoticeKind.Details));
                    break;
                case ObligationKind.ConnectionPlan:
                    connection = await context.CallActivityAsync<ConnectionPlan>(nameof(PlanConnectionActivity), input.MeetingId);
                    break;
                case ObligationKind.FirstTestCall:
                    await FanOutAsync(NoticeKind.TestCallRequest, "trước 1 ngày", ReadinessStage.FirstTest);
                    break;
                case ObligationKind.FirstTestReminder:
                    await FollowUpAsync(ReadinessStage.FirstTest, SiteMark.Reminded);
                    break;
                case ObligationKind.FirstTestEscalation:
                    await FollowUpAsync(ReadinessStage.FirstTest, SiteMark.Escalated);
                    break;
                case ObligationKind.RehearsalAndCascade:
                    connection ??= await context.CallActivityAsync<ConnectionPlan>(nameof(PlanConnectionActivity), input.MeetingId);
                    cascaded = await RelayAsync("Cascade", () => context.CallActivityAsync<int>(nameof(CascadeActivity), new CascadeRequest(input.MeetingId, connection), Retry));
                    cascadePending = !cascaded && RetriesRelay;
                    break;
                case ObligationKind.SecondTestCall:
                    await FanOutAsync(NoticeKind.TestCallRequest, "trước 1 giờ", ReadinessStage.SecondTest);
                    break;
                case ObligationKind.SecondTestReminder:
                    await FollowUpAsync(ReadinessStage.SecondTest, SiteMark.Reminded);
                    break;
                case ObligationKind.SecondTestEscalation:
                    await FollowUpAsync(ReadinessStage.SecondTest, SiteMark.Escalated);
                    break;
                case ObligationKind.RehearsalReminder:
                    await FollowUpAsync(ReadinessStage.Rehearsal, SiteMark.Reminded);
                    break;
                case ObligationKind.RehearsalEscalation:
                    await FollowUpAsync(ReadinessStage.Rehearsal, SiteMark.Escalated);
                    break;
                case ObligationKind.ReadyCheck:
                    await FollowUpAsync(ReadinessStage.SecondTest, SiteMark.AtRisk);
                    break;
                case ObligationKind.Start:
                    await RecordPhaseAsync(MeetingPhase.InProgress);
                    break;
                case ObligationKind.End:
                    Report = await CloseAsync(cancelled: false, null);
                    break;
            }

            done.Add(obligation.Kind);
        }

        /// <summary>Moves the meeting under its own rules; the new schedule, or null when refused (room taken, time past) and the meeting keeps its times.</summary>
        public async Task<MeetingSchedule?> RescheduleAsync(RescheduleMeeting move)
        {
            PlanResult moved = await context.CallActivityAsync<PlanResult>(nameof(RescheduleMeetingActivity),
                new RescheduleInput(input, move.LocalStart, move.LocalEnd, Meeting.Revision, policy));
            if (moved is not { Summary: { } summary, Schedule: { } schedule })
            {
                return null;
            }

            Meeting = summary;
            await RecordPhaseAsync(MeetingPhase.Preparing, summary, schedule);
            await Task.WhenAll(FanOutAsync(NoticeKind.Reschedule, moved.CarriedOver), NotifyAuthoritiesAsync(NoticeKind.Reschedule, moved.CarriedOver));
            return schedule;
        }

        // SL II.1 step 6, TH Art. 11.2: reported to PPC Office and DIC at once.
        public Task ReportIncidentAsync(string incidentId) => DeliveringAsync(() =>
            context.CallActivityAsync<int>(nameof(ReportIncidentActivity), new IncidentNotice(input.MeetingId, Meeting, incidentId), Retry));

        public async Task BringToChairAsync(string siteId, DateTime requestedAtUtc)
        {
            double ms = -1;
            if (await RelayAsync($"Bring {siteId} to the chair", async () =>
                ms = await context.CallActivityAsync<double>(nameof(BringToChairActivity), new BringToChairRequest(input.MeetingId, Meeting.ChairSiteId, siteId, requestedAtUtc), RelayRetry)))
            {
                chairSwitches.Add(new ChairSwitch(siteId, ms, ms <= policy.ChairSwitchLimit.TotalMilliseconds));
            }
            else
            {
                chairSwitches.Add(new ChairSwitch(siteId, -1, WithinLimit: false));
            }
        }

        /// <summary>A switch the chair's page made through the relay at once: into the report; a failure is reported as the workflow's own are.</summary>
        public async Task RecordChairSwitchAsync(ChairSwitch done)
        {
            chairSwitches.Add(done with { WithinLimit = done.Failure is null && done.Milliseconds <= policy.ChairSwitchLimit.TotalMilliseconds });
            if (done.Failure is { } failure)
            {
                await ReportRelayFailureAsync($"Bring {done.SiteId} to the chair", failure);
            }
        }

        public async Task<MeetingReport> CloseAsync(bool cancelled, string? reason)
        {
            phase = MeetingPhase.Closing;
            cascadePending = false; // once the meeting ends a cascade makes no sense
            Publish(null, null, "SL II.1 step 7", readiness);
            MeetingReport report = await context.CallActivityAsync<MeetingReport>(nameof(CloseMeetingActivity),
                new CloseRequest(input.MeetingId, Meeting, cancelled, cascaded, chairSwitches, reason) { Late = [.. late], RulesVersion = policy.Version }, Retry);
            if (report.UndeliveredNotices is { } undelivered)
            {
                await EscalateAsync(undelivered);
            }

            if (report.TearDownFailure is { } tearDown)
            {
                await ReportRelayFailureAsync("Tear down the cascade", tearDown);
            }
            await RecordPhaseAsync(cancelled ? MeetingPhase.Cancelled : MeetingPhase.Done);
            Publish(null, null, null, report.Readiness);
            return report;
        }

        /// <summary>The phase, for the custom status and the meeting lists; with the plan and its schedule when they changed.</summary>
        public Task RecordPhaseAsync(MeetingPhase newPhase, MeetingSummary? plan = null, MeetingSchedule? schedule = null)
        {
            phase = newPhase;
            return context.CallActivityAsync<bool>(nameof(RecordMeetingPhaseActivity), new PhaseChange(input.MeetingId, newPhase, plan) { Schedule = schedule }, Retry);
        }

        // Notices fan out in batches of policy.NoticeBatchSize sites: one activity per batch, never per site.
        Task FanOutAsync(NoticeKind kind, string? detail = null, ReadinessStage? confirmed = null) => DeliveringAsync(async () =>
        {
            int batches = Math.Max(1, (Meeting.SiteCount + 1 + policy.NoticeBatchSize - 1) / policy.NoticeBatchSize);
            await Task.WhenAll(Enumerable.Range(0, batches).Select(b =>
                context.CallActivityAsync<int>(nameof(SendSiteNoticesActivity), new SiteNoticeBatch(input.MeetingId, Meeting, kind, b, batches, detail) { SkipConfirmed = confirmed }, Retry)));
        });

        Task NotifyAuthoritiesAsync(NoticeKind kind, string? detail = null) => DeliveringAsync(() =>
            context.CallActivityAsync<int>(nameof(NotifyAuthoritiesActivity), new AuthorityNotice(input.MeetingId, Meeting, kind, detail), Retry));

        Task FollowUpAsync(ReadinessStage stage, SiteMark mark) => DeliveringAsync(async () =>
            readiness = await context.CallActivityAsync<ReadinessCounts>(nameof(FollowUpSitesActivity), new FollowUp(input.MeetingId, Meeting, stage, mark), Retry));

        /// <summary>Runs a relay command; when it fails after every retry, DIC and the chair room are told to act by hand and the meeting goes on.</summary>
        async Task<bool> RelayAsync(string what, Func<Task> command)
        {
            try
            {
                await command();
                return true;
            }
            catch (TaskFailedException failed)
            {
                await ReportRelayFailureAsync(what, failed.FailureDetails.ErrorMessage);
                return false;
            }
        }

        Task ReportRelayFailureAsync(string what, string reason) => DeliveringAsync(() =>
            context.CallActivityAsync<int>(nameof(ReportRelayFailureActivity), new RelayFailureNotice(input.MeetingId, Meeting, what, reason), Retry));

        /// <summary>The pending cascade, once more (quick retries only: the next wake-up tries again); DIC, the chair room and ops hear when it goes through.</summary>
        async Task RetryCascadeAsync()
        {
            try
            {
                await context.CallActivityAsync<int>(nameof(CascadeActivity), new CascadeRequest(input.MeetingId, connection!), RelayRetry);
            }
            catch (TaskFailedException)
            {
                return; // still not reachable: told once already
            }

            cascaded = true;
            cascadePending = false;
            await DeliveringAsync(() => context.CallActivityAsync<int>(nameof(ReportRelayRecoveredActivity),
                new RelayFailureNotice(input.MeetingId, Meeting, "Cascade", NoticeTexts.When(context.CurrentUtcDateTime)), Retry));
        }

        // SL II.1 step 6 allows 30 s: a chair switch gets quick retries only.
        static TaskOptions RelayRetry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

        /// <summary>Runs a step that sends notices; when delivery fails after every retry, ops are told and the meeting goes on.</summary>
        async Task DeliveringAsync(Func<Task> send)
        {
            try
            {
                await send();
            }
            catch (TaskFailedException failed) when (failed.FailureDetails.IsCausedBy<Notices.Email.NoticeDeliveryException>())
            {
                await EscalateAsync(failed.FailureDetails.InnerFailure?.ErrorMessage ?? failed.FailureDetails.ErrorMessage);
            }
        }

        async Task EscalateAsync(string reason)
        {
            DeliveryBacklog = true;
            await context.CallActivityAsync<bool>(nameof(EscalateDeliveryFailureActivity), new DeliveryFailure(input.MeetingId, Meeting, reason), Retry);
        }

        static TaskOptions Retry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));
    }
}
