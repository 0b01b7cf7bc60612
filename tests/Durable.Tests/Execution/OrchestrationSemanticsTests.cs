using Hntt.Durable.Testing;

namespace Hntt.Durable.Tests.Execution;

/// <summary>The programming model's semantics, run on the in-memory hub with virtual time.</summary>
public sealed class OrchestrationSemanticsTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    static DurableTestHost Host(Action<DurableTaskRegistry> register) => new(register, Start);

    [Fact]
    public async Task Sequential_activities_pass_results_along()
    {
        var host = Host(r => r
            .AddActivityFunc<string, string>("Greet", (_, name) => Task.FromResult($"Xin chào {name}"))
            .AddOrchestratorFunc<string[], string[]>("Hello", async (ctx, names) =>
            {
                var greetings = new List<string>();
                foreach (string name in names)
                {
                    greetings.Add(await ctx.CallActivityAsync<string>("Greet", name));
                }

                return [.. greetings];
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hello", new[] { "Hà Nội", "Sơn La", "Thanh Hóa" });
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        Assert.Equal(["Xin chào Hà Nội", "Xin chào Sơn La", "Xin chào Thanh Hóa"], done.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task A_three_day_workflow_of_timers_runs_in_virtual_time_and_sees_step_times()
    {
        var host = Host(r => r.AddOrchestratorFunc<int, DateTime[]>("Countdown", async (ctx, days) =>
        {
            var seen = new List<DateTime> { ctx.CurrentUtcDateTime };
            for (int day = 0; day < days; day++)
            {
                await ctx.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
                seen.Add(ctx.CurrentUtcDateTime);
            }

            return [.. seen];
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Countdown", 3);
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        DateTime[] seen = done.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(4, seen.Length);
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1)));
        Assert.True(host.Now >= Start + TimeSpan.FromDays(3));
    }

    [Fact]
    public async Task Timers_of_months_fire_on_the_day()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, DateTime>("YearEnd", async (ctx, _) =>
        {
            await ctx.CreateTimer(new DateTime(2027, 12, 31, 2, 0, 0, DateTimeKind.Utc), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("YearEnd");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id, TimeSpan.FromDays(500));

        Assert.Equal(new DateTime(2027, 12, 31), done.ReadOutputAs<DateTime>().Date);
    }

    [Fact]
    public async Task Failed_activity_is_retried_with_backoff_on_durable_timers()
    {
        int calls = 0;
        var host = Host(r => r
            .AddActivityFunc<object?, int>("Flaky", (_, _) => ++calls < 3 ? throw new InvalidOperationException("MCU busy") : Task.FromResult(calls))
            .AddOrchestratorFunc<object?, int>("Retrying", (ctx, _) => ctx.CallActivityAsync<int>("Flaky", null,
                TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2)))));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);
        IReadOnlyList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(id);

        Assert.Equal(3, done.ReadOutputAs<int>());
        DateTime[] waits = history.OfType<TimerCreated>().Select(t => t.FireAt).ToArray();
        DateTime[] failedAt = [.. history.OfType<OrchestratorStarted>().Where((_, i) => i is 1 or 3).Select(s => s.Timestamp)];
        Assert.Equal(2, waits.Length);
        Assert.Equal(TimeSpan.FromSeconds(10), waits[0] - failedAt[0]);
        Assert.Equal(TimeSpan.FromSeconds(20), waits[1] - failedAt[1]);
    }

    [Fact]
    public async Task Retries_stop_after_the_last_attempt_and_the_failure_reaches_the_orchestrator()
    {
        var host = Host(r => r
            .AddActivityFunc<object?, int>("Broken", (_, _) => throw new InvalidOperationException("line down"))
            .AddOrchestratorFunc<object?, string>("Caller", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<int>("Broken", null, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1))));
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Caller");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("Broken: line down", done.ReadOutputAs<string>());
        Assert.Equal(2, (await host.Client.GetOrchestrationHistoryAsync(id)).OfType<TaskScheduled>().Count());
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestration_waits_is_kept()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, string>("LateWaiter", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return await ctx.WaitForExternalEvent<string>("Confirmed");
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter");
        await host.Client.RaiseEventAsync(id, "Confirmed", "sẵn sàng"); // still Pending: not started by any worker
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("sẵn sàng", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timed_out_wait_does_not_swallow_the_next_event_of_the_same_name()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, string>("Patient", async (ctx, _) =>
        {
            try
            {
                await ctx.WaitForExternalEvent<string>("Result", TimeSpan.FromMinutes(5));
                return "first wait got it";
            }
            catch (TaskCanceledException)
            {
            }

            return "second wait got " + await ctx.WaitForExternalEvent<string>("Result");
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Patient");
        await host.RunUntilIdleAsync(host.Now + TimeSpan.FromMinutes(10));
        await host.Client.RaiseEventAsync(id, "Result", "ok");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("second wait got ok", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_swallow_a_later_event()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, string>("Cancelling", async (ctx, _) =>
        {
            using var cancel = new CancellationTokenSource();
            Task<string> abandoned = ctx.WaitForExternalEvent<string>("Answer", cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            return await ctx.WaitForExternalEvent<string>("Answer");
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Cancelling");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(id, "Answer", "42");

        Assert.Equal("42", (await host.RunUntilCompletedAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Fan_out_and_fan_in_over_many_activities()
    {
        var host = Host(r => r
            .AddActivityFunc<int, int>("Square", (_, x) => Task.FromResult(x * x))
            .AddOrchestratorFunc<int, int>("SumOfSquares", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)))).Sum()));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("SumOfSquares", 300);

        Assert.Equal(Enumerable.Range(1, 300).Sum(i => i * i), (await host.RunUntilCompletedAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task WhenAny_between_an_event_and_a_timer_takes_whichever_comes_first()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, string>("Deadline", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            Task timeout = ctx.CreateTimer(TimeSpan.FromMinutes(30), cts.Token);
            Task<string> ready = ctx.WaitForExternalEvent<string>("Ready");
            Task winner = await Task.WhenAny(ready, timeout);
            cts.Cancel();
            return winner == ready ? "ready: " + ready.Result : "escalated";
        }));

        string early = await host.Client.ScheduleNewOrchestrationInstanceAsync("Deadline");
        string late = await host.Client.ScheduleNewOrchestrationInstanceAsync("Deadline");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(early, "Ready", "site 7");

        Assert.Equal("ready: site 7", (await host.RunUntilCompletedAsync(early)).ReadOutputAs<string>());
        Assert.Equal("escalated", (await host.RunUntilCompletedAsync(late)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Sub_orchestrations_return_results_and_failures()
    {
        var host = Host(r => r
            .AddOrchestratorFunc<int, int>("Child", (ctx, x) => x < 0 ? throw new ArgumentException("negative") : Task.FromResult(x * 10))
            .AddOrchestratorFunc<object?, string>("Parent", async (ctx, _) =>
            {
                int ok = await ctx.CallSubOrchestratorAsync<int>("Child", 4);
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", -1, new SubOrchestrationOptions("child-negative"));
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ok} {ex.FailureDetails.ErrorMessage}";
                }
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("40 negative", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.Client.GetInstanceAsync("child-negative"))!.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_starts_a_fresh_history_and_carries_unprocessed_events()
    {
        var host = Host(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, count) =>
        {
            if (count == 0)
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None); // the event arrives meanwhile
            }
            else
            {
                count += await ctx.WaitForExternalEvent<int>("Add");
            }

            if (count < 3)
            {
                ctx.ContinueAsNew(count + 1, preserveUnprocessedEvents: true);
            }

            return count;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.Client.RaiseEventAsync(id, "Add", 10);
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(11, done.ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Equal("1", history.OfType<ExecutionStarted>().Single().Input);
    }

    [Fact]
    public async Task Suspended_instances_hold_events_until_resumed()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, string>("Holder", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Holder");
        await host.RunUntilIdleAsync();
        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(id, "Go", "now");
        await host.RunUntilIdleAsync();
        OrchestrationRuntimeStatus whileSuspended = (await host.Client.GetInstanceAsync(id))!.RuntimeStatus;
        await host.Client.ResumeInstanceAsync(id);
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended);
        Assert.Equal("now", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminated_instances_stop_with_the_reason_as_output()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, string>("Forever", (ctx, _) => ctx.WaitForExternalEvent<string>("Never")));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        await host.RunUntilIdleAsync();
        await host.Client.TerminateInstanceAsync(id, "cancelled by coordinator");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("cancelled by coordinator", done.ReadOutputAs<string>());
        await Assert.ThrowsAsync<OrchestrationStateException>(() => host.Client.RaiseEventAsync(id, "Never"));
    }

    [Fact]
    public async Task Custom_status_is_visible_while_running()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, int>("Reporting", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { phase = "kiểm thử" });
            return await ctx.WaitForExternalEvent<int>("Done");
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reporting");
        await host.RunUntilIdleAsync();

        OrchestrationMetadata running = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal("kiểm thử", running.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("phase").GetString());
    }

    [Fact]
    public async Task NewGuid_and_replay_safe_logging_are_stable_across_a_restart()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, Guid[]>("Guids", async (ctx, _) =>
        {
            Guid first = ctx.NewGuid();
            await ctx.WaitForExternalEvent<int>("Next");
            return [first, ctx.NewGuid()];
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Guids");
        await host.RunUntilIdleAsync();
        IReadOnlyList<HistoryEvent> before = await host.Client.GetOrchestrationHistoryAsync(id);
        host.Restart(); // the next step replays from storage
        await host.Client.RaiseEventAsync(id, "Next", 1);
        Guid[] guids = (await host.RunUntilCompletedAsync(id)).ReadOutputAs<Guid[]>()!;

        Assert.NotEqual(guids[0], guids[1]);
        Assert.Equal(before, (await host.Client.GetOrchestrationHistoryAsync(id)).Take(before.Count));
    }

    [Fact]
    public async Task Changed_code_fails_the_instance_with_the_expected_and_actual_action()
    {
        bool deployedV2 = false;
        var host = Host(r => r
            .AddActivityFunc<object?, int>("SendNotices", (_, _) => Task.FromResult(1))
            .AddActivityFunc<object?, int>("PlanCascade", (_, _) => Task.FromResult(2))
            .AddOrchestratorFunc<object?, int>("Meeting", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<int>(deployedV2 ? "PlanCascade" : "SendNotices");
                return await ctx.WaitForExternalEvent<int>("Go");
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Meeting");
        await host.RunUntilIdleAsync();
        deployedV2 = true;
        host.Restart();
        await host.Client.RaiseEventAsync(id, "Go", 1);
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("CallActivity 'SendNotices' (task #0)", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity 'PlanCascade' (task #0)", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Awaiting_a_non_durable_task_fails_with_the_reason()
    {
        var host = Host(r => r.AddOrchestratorFunc<object?, int>("Sleepy", async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromHours(1), CancellationToken.None);
            return 1;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleepy");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Task.Delay", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_orchestrator_fails_clearly()
    {
        var host = Host(_ => { });

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchWorkflow");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No orchestrator named 'NoSuchWorkflow'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_running_id_is_refused_and_a_finished_one_restarts()
    {
        var host = Host(r => r.AddOrchestratorFunc<int, int>("Echo", async (ctx, x) => x + await ctx.WaitForExternalEvent<int>("Add")));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 1, new StartOrchestrationOptions("meeting-42"));
        var refused = await Assert.ThrowsAsync<OrchestrationStateException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 2, new StartOrchestrationOptions("meeting-42")));
        await host.Client.RaiseEventAsync("meeting-42", "Add", 1);
        Assert.Equal(2, (await host.RunUntilCompletedAsync("meeting-42")).ReadOutputAs<int>());
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 5, new StartOrchestrationOptions("meeting-42"));
        await host.Client.RaiseEventAsync("meeting-42", "Add", 1);

        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);
        Assert.Equal(6, (await host.RunUntilCompletedAsync("meeting-42")).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Raising_to_an_unknown_instance_is_an_error_the_caller_sees()
    {
        var host = Host(_ => { });

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => host.Client.RaiseEventAsync("nobody", "Ping"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RaiseEventAsync("bad/id", "Ping"));
    }
}
