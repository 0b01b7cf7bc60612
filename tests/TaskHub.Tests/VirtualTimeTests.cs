using DurableTask.Core.History;
using Hntt.Testing.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.TaskHub.Tests;

/// <summary>
/// The semantics our workflow relies on, run by the Durable Task Framework's worker on the virtual-clock host the
/// workflow tests use: timers, retries, events (with the failures other users hit), suspend, terminate, restart.
/// </summary>
public sealed class VirtualTimeTests : IAsyncLifetime
{
    static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    readonly List<VirtualTimeHost> hosts = [];

    VirtualTimeHost Host(Action<DurableTaskRegistry> register)
    {
        var host = new VirtualTimeHost(register, Start, _ => new EmptyServices());
        hosts.Add(host);
        return host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (VirtualTimeHost host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sequential_activities_pass_results_along()
    {
        VirtualTimeHost host = Host(r => r
            .AddActivityFunc<string, string>("Greet", (_, name) => Task.FromResult($"Xin chào {name}"))
            .AddOrchestratorFunc<string[], string[]>("Hello", async (ctx, names) =>
            {
                var greetings = new List<string>();
                foreach (string name in names!)
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
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<int, DateTime[]>("Countdown", async (ctx, days) =>
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
        Assert.Equal([Start.UtcDateTime, Start.UtcDateTime.AddDays(1), Start.UtcDateTime.AddDays(2), Start.UtcDateTime.AddDays(3)], seen);
    }

    [Fact]
    public async Task A_timer_of_a_year_fires_on_the_day_past_the_queue_visibility_limit()
    {
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<object?, DateTime>("YearEnd", async (ctx, _) =>
        {
            await ctx.CreateTimer(new DateTime(2027, 12, 31, 2, 0, 0, DateTimeKind.Utc), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("YearEnd");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id, TimeSpan.FromDays(500));

        Assert.Equal(new DateTime(2027, 12, 31, 2, 0, 0), done.ReadOutputAs<DateTime>());
        // The SDK splits timers longer than three days into chunks, so no queue message waits longer than Azure Storage allows (7 days).
        Assert.All((await host.Client.GetOrchestrationHistoryAsync(id)).OfType<TimerCreatedEvent>().Zip(
            (await host.Client.GetOrchestrationHistoryAsync(id)).OfType<OrchestratorStartedEvent>()), p => Assert.True(p.First.FireAt - p.Second.Timestamp <= TimeSpan.FromDays(3)));
    }

    [Fact]
    public async Task A_failed_activity_is_retried_with_backoff_on_durable_timers()
    {
        int calls = 0;
        VirtualTimeHost host = Host(r => r
            .AddActivityFunc<object?, int>("Flaky", (_, _) => ++calls < 3 ? throw new InvalidOperationException("MCU busy") : calls)
            .AddOrchestratorFunc<object?, int>("Retrying", (ctx, _) => ctx.CallActivityAsync<int>("Flaky", null,
                TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2)))));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);
        IList<HistoryEvent> history = await host.Client.GetOrchestrationHistoryAsync(id);

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)], history.OfType<TimerCreatedEvent>().Select(t => t.FireAt - Start.UtcDateTime));
    }

    [Fact]
    public async Task Retries_stop_after_the_last_attempt_and_the_failure_reaches_the_orchestrator()
    {
        VirtualTimeHost host = Host(r => r
            .AddActivityFunc<object?, int>("Broken", (_, _) => Task.FromException<int>(new InvalidOperationException("line down")))
            .AddOrchestratorFunc<object?, string>("Caller", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync<int>("Broken", null, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1))));
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}: {ex.FailureDetails.ErrorMessage} ({ex.FailureDetails.IsCausedBy<InvalidOperationException>()})";
                }
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Caller");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("Broken: line down (True)", done.ReadOutputAs<string>());
        Assert.Equal(2, (await host.Client.GetOrchestrationHistoryAsync(id)).OfType<TaskScheduledEvent>().Count());
    }

    [Fact]
    public async Task An_event_raised_while_the_instance_is_pending_reaches_the_waiter()
    {
        // DT#720, ADF#413: events raised before the first step were discarded.
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<object?, string>("LateWaiter", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return await ctx.WaitForExternalEvent<string>("Confirmed");
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter");
        await host.Client.RaiseEventAsync(id, "Confirmed", "sẵn sàng");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("sẵn sàng", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timed_out_wait_does_not_swallow_the_next_event_of_the_same_name()
    {
        // ADF#3255: a waiter that gave up stayed in the queue and took the next event.
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<object?, string>("Patient", async (ctx, _) =>
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
    public async Task A_wait_cancelled_for_a_timer_does_not_swallow_a_later_event()
    {
        // The meeting workflow's loop: wait for a control event or the next deadline, whichever comes first.
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<object?, string>("Loop", async (ctx, _) =>
        {
            for (int round = 0; ; round++)
            {
                using var cancelTimer = new CancellationTokenSource();
                using var cancelWait = new CancellationTokenSource();
                Task timer = ctx.CreateTimer(TimeSpan.FromHours(1), cancelTimer.Token);
                Task<string> control = ctx.WaitForExternalEvent<string>("Control", cancelWait.Token);
                if (await Task.WhenAny(timer, control) == control)
                {
                    cancelTimer.Cancel();
                    return $"round {round}: {await control}";
                }

                cancelWait.Cancel();
            }
        }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Loop");
        await host.RunUntilIdleAsync(host.Now + TimeSpan.FromHours(3.5));
        await host.Client.RaiseEventAsync(id, "Control", "Cancel");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(id);

        Assert.Equal("round 3: Cancel", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspended_instances_hold_events_until_resumed_and_terminated_ones_stop_with_the_reason()
    {
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<object?, string>("Waiter", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { phase = "waiting" });
            return await ctx.WaitForExternalEvent<string>("Go");
        }));

        string held = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        string stopped = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.RunUntilIdleAsync();
        await host.Client.SuspendInstanceAsync(held, "maintenance");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(held, "Go", "went");
        await host.RunUntilIdleAsync();
        OrchestrationMetadata suspended = (await host.Client.GetInstanceAsync(held))!;
        await host.Client.ResumeInstanceAsync(held);
        await host.Client.TerminateInstanceAsync(stopped, "no longer needed");
        await host.RunUntilIdleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.RuntimeStatus);
        Assert.Equal("{\"phase\":\"waiting\"}", suspended.SerializedCustomStatus);
        Assert.Equal("went", (await host.Client.GetInstanceAsync(held, getInputsAndOutputs: true))!.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync(stopped))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_running_id_is_refused_a_finished_one_restarts_with_its_input_and_purge_removes_it()
    {
        VirtualTimeHost host = Host(r => r.AddOrchestratorFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2)));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Double", 21, new StartOrchestrationOptions("once"));
        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Double", 1, new StartOrchestrationOptions("once")));
        await host.RunUntilIdleAsync();
        await host.Client.RestartAsync("once");
        OrchestrationMetadata again = await host.RunUntilCompletedAsync("once");
        PurgeResult purged = await host.Client.PurgeInstanceAsync("once");

        Assert.Equal(42, again.ReadOutputAs<int>());
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("once"));
    }

    sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
