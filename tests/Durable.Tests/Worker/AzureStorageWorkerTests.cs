using Azure.Data.Tables;
using Hntt.Durable.Client;
using Hntt.Durable.Storage;
using Hntt.Durable.TestWorker;
using Hntt.Durable.Worker;
using Hntt.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hntt.Durable.Tests.Worker;

/// <summary>The runtime on real Azure Storage semantics (Azurite): the failures users of the Durable Task Framework met.</summary>
public sealed class AzureStorageWorkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static void Register(DurableTaskRegistry registry) => registry
        .AddAllFrom(typeof(AddOne).Assembly)
        .AddActivityFunc<string, string>("Echo", (_, text) => Task.FromResult(text))
        .AddOrchestratorFunc<string, string>("BigEcho", async (ctx, text) =>
        {
            string echoed = await ctx.CallActivityAsync<string>("Echo", text);
            string more = await ctx.WaitForExternalEvent<string>("More");
            return echoed.Length + ":" + more.Length + ":" + echoed[..3] + more[^3..];
        })
        .AddOrchestratorFunc<object?, string>("WaitTwo", async (ctx, _) =>
        {
            int one = await ctx.CallActivityAsync<int>(nameof(AddOne), 0);
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            string a = await ctx.WaitForExternalEvent<string>("A");
            return $"{one}:{a}";
        })
        .AddOrchestratorFunc<int, DateTime>("Sleeper", async (ctx, days) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(days), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        })
        .AddOrchestratorFunc<object?, string>("Listener", (ctx, _) => ctx.WaitForExternalEvent<string>("Ping"))
        .AddOrchestratorFunc<int, int>("Parent", async (ctx, children) =>
            (await Task.WhenAll(Enumerable.Range(1, children).Select(i => ctx.CallSubOrchestratorAsync<int>(nameof(FanOutSum), i)))).Sum())
        .AddOrchestratorFunc<int, int>("Looper", async (ctx, round) =>
        {
            string next = await ctx.WaitForExternalEvent<string>("Next", TimeSpan.FromMinutes(5));
            if (next == "again")
            {
                ctx.ContinueAsNew(round + 1);
            }

            return round;
        });

    Task<TestHub> StartAsync(string hub, bool runWorker = true, TimeProvider? time = null) =>
        TestHub.StartAsync(azurite.ConnectionString, hub, Register, runWorker, time);

    static async Task<OrchestrationMetadata> CompletedAsync(DurableTaskClient client, string id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    [Fact]
    public async Task Chains_and_fan_outs_complete_with_the_right_output()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());

        string chain = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 10);
        string fan = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutSum), 200);

        Assert.Equal(10, (await CompletedAsync(hub.Client, chain)).ReadOutputAs<int>());
        Assert.Equal(Enumerable.Range(1, 200).Sum(), (await CompletedAsync(hub.Client, fan)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Inputs_outputs_and_events_larger_than_table_and_queue_limits_round_trip()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());
        string big = "đ" + new string('a', 300_000) + "end";
        string bigger = "xyz" + new string('b', 500_000) + "ờng";

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("BigEcho", big);
        await hub.Client.RaiseEventAsync(id, "More", bigger);
        OrchestrationMetadata done = await CompletedAsync(hub.Client, id);

        Assert.Equal($"{big.Length}:{bigger.Length}:đaaờng", done.ReadOutputAs<string>());
        Assert.Equal(big, done.ReadInputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_while_the_instance_is_pending_is_delivered_once_it_runs()
    {
        string name = azurite.NewHubName();
        string id;
        await using (TestHub clientOnly = await StartAsync(name, runWorker: false))
        {
            id = await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync("Listener");
            await clientOnly.Client.RaiseEventAsync(id, "Ping", "pong");
            Assert.Equal(OrchestrationRuntimeStatus.Pending, (await clientOnly.Client.GetInstanceAsync(id))!.RuntimeStatus);
        }

        await using TestHub hub = await StartAsync(name);
        Assert.Equal("pong", (await CompletedAsync(hub.Client, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timer_of_a_month_fires_when_its_time_comes_and_old_messages_never_expire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        await using TestHub hub = await StartAsync(azurite.NewHubName(), time: clock);

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 30);
        await Eventually.HoldsAsync(async () => (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Running, Patience, "started");
        clock.Advance(TimeSpan.FromDays(29));
        await Task.Yield();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(5));

        // Keep the fake clock moving while polling: the worker may start a new (fake-time) wait at any moment.
        await Eventually.HoldsAsync(async () =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            return (await hub.Client.GetInstanceAsync(id))!.IsCompleted;
        }, Patience, "the 30-day timer fired");
        OrchestrationMetadata done = (await hub.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(new DateTime(2026, 12, 24), done.ReadOutputAs<DateTime>().Date);
    }

    [Fact]
    public async Task Duplicated_and_reordered_messages_change_no_outcome()
    {
        string name = azurite.NewHubName();
        await using TestHub clientOnly = await StartAsync(name, runWorker: false);
        string id = await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync("WaitTwo");
        var store = clientOnly.Services.GetRequiredService<ITaskHubStore>();
        int partition = Partitions.Of(id, 4);
        OrchestrationMetadata pending = (await clientOnly.Client.GetInstanceAsync(id))!;
        DateTime now = DateTime.UtcNow;
        TaskMessage Message(HistoryEvent e, string? execution) => new(id, execution, e);
        await store.SendAsync(partition,
        [
            new(OutgoingMessages.ClientMessageId(now.AddSeconds(-5)), now.AddSeconds(-5), Message(new EventRaised("A", "\"first\""), null)),
            new(OutgoingMessages.ClientMessageId(now), now, Message(new ExecutionStarted("WaitTwo", pending.ExecutionId!, null), pending.ExecutionId)),
            new(OutgoingMessages.ClientMessageId(now), now, Message(new TaskCompleted(0, "41"), pending.ExecutionId)),
            new(OutgoingMessages.ClientMessageId(now), now, Message(new TimerFired(7, now), pending.ExecutionId)),
            new(OutgoingMessages.ClientMessageId(now), now, Message(new EventRaised("A", "\"second\""), null)),
        ], CancellationToken.None);

        await using TestHub hub = await StartAsync(name);
        OrchestrationMetadata done = await CompletedAsync(hub.Client, id);
        IReadOnlyList<HistoryEvent> history = await hub.Client.GetOrchestrationHistoryAsync(id);

        Assert.Equal("1:first", done.ReadOutputAs<string>());
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Single(history.OfType<TaskCompleted>());
        Assert.Single(history.OfType<TimerFired>());
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_lettered_visibly_and_can_be_replayed()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());
        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Listener");
        await hub.Client.WaitForInstanceStartAsync(id);
        var tables = new TableServiceClient(azurite.ConnectionString);
        string historyTable = hub.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskOptions>>().Value.HubName + "History";
        string rowKey = OutgoingMessages.ClientMessageId(DateTime.UtcNow);
        await tables.GetTableClient(historyTable).AddEntityAsync(new TableEntity($"p{Partitions.Of(id, 4):D2}", rowKey)
        {
            ["Instance"] = id,
            ["Message"] = "{ this is not a message",
        });

        await Eventually.HoldsAsync(async () => (await hub.Client.GetDeadLettersAsync()).Count == 1, Patience, "the bad message is dead-lettered");
        DeadLetterInfo letter = (await hub.Client.GetDeadLettersAsync()).Single();
        OrchestrationMetadata flagged = (await hub.Client.GetInstanceAsync(id))!;

        Assert.Equal(id, letter.InstanceId);
        Assert.Contains("Unreadable message", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(1, flagged.DeadLetterCount);
        Assert.Equal(OrchestrationRuntimeStatus.Running, flagged.RuntimeStatus);
        await hub.Client.RaiseEventAsync(id, "Ping", "still fine");
        Assert.Equal("still fine", (await CompletedAsync(hub.Client, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_for_an_instance_that_never_started_is_dead_lettered_and_replayed_once_it_exists()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());
        var store = hub.Services.GetRequiredService<ITaskHubStore>();
        DateTime now = DateTime.UtcNow;
        await store.SendAsync(Partitions.Of("late", 4),
            [new(OutgoingMessages.ClientMessageId(now), now, new TaskMessage("late", null, new EventRaised("Ping", "\"early bird\"")))], CancellationToken.None);
        hub.Services.GetRequiredService<DurableTaskWorker>().Wake(Partitions.Of("late", 4));

        await Eventually.HoldsAsync(async () => (await hub.Client.GetDeadLettersAsync()).Any(d => d.InstanceId == "late"), Patience, "the orphan event is dead-lettered");
        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Listener", null, new StartOrchestrationOptions("late"));
        await hub.Client.ReplayDeadLetterAsync((await hub.Client.GetDeadLettersAsync()).Single().Id);

        Assert.Equal("early bird", (await CompletedAsync(hub.Client, "late")).ReadOutputAs<string>());
        Assert.Empty(await hub.Client.GetDeadLettersAsync());
    }

    [Fact]
    public async Task An_instance_row_that_missed_its_update_is_reconciled_from_history()
    {
        string name = azurite.NewHubName();
        string id;
        await using (TestHub first = await StartAsync(name))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 2);
            await CompletedAsync(first.Client, id);
        }

        var instances = new TableServiceClient(azurite.ConnectionString).GetTableClient(name + "Instances");
        TableEntity row = (await instances.GetEntityAsync<TableEntity>($"p{Partitions.Of(id, 4):D2}", id)).Value;
        row["Status"] = nameof(OrchestrationRuntimeStatus.Running); // as if the write after the history commit had failed
        await instances.UpdateEntityAsync(row, row.ETag);
        await using TestHub second = await StartAsync(name);

        await Eventually.HoldsAsync(async () =>
        {
            var page = await second.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] });
            return page.Instances.Any(i => i.InstanceId == id);
        }, Patience, "the projection says Completed again");
    }

    [Fact]
    public async Task Queries_filter_by_status_name_time_and_prefix_and_page()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (int i = 0; i < 7; i++)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 1, new StartOrchestrationOptions($"q-done-{i}"));
        }

        await hub.Client.ScheduleNewOrchestrationInstanceAsync("Listener", null, new StartOrchestrationOptions("q-waiting"));
        for (int i = 0; i < 7; i++)
        {
            await CompletedAsync(hub.Client, $"q-done-{i}");
        }

        await hub.Client.WaitForInstanceStartAsync("q-waiting");
        List<OrchestrationMetadata> done = await hub.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed], Name = nameof(CountingChain), CreatedFrom = before, InstanceIdPrefix = "q-", PageSize = 3,
        }).ToListAsync();
        OrchestrationQueryPage firstPage = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "q-", PageSize = 3 });
        OrchestrationQueryPage running = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] });

        Assert.Equal(7, done.Count);
        Assert.Equal(3, firstPage.Instances.Count);
        Assert.NotNull(firstPage.ContinuationToken);
        Assert.Equal("q-waiting", Assert.Single(running.Instances).InstanceId);
        Assert.Empty(await hub.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedTo = before }).ToListAsync());
    }

    [Fact]
    public async Task Purging_many_instances_goes_in_bounded_resumable_calls()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 1)));
        foreach (string id in ids)
        {
            await CompletedAsync(hub.Client, id);
        }

        await Assert.ThrowsAsync<OrchestrationStateException>(async () =>
            await hub.Client.PurgeInstanceAsync(await hub.Client.ScheduleNewOrchestrationInstanceAsync("Listener")));
        PurgeResult first = await hub.Client.PurgeInstancesAsync(new PurgeInstancesFilter(), maxInstances: 25);
        PurgeResult second = await hub.Client.PurgeInstancesAsync(new PurgeInstancesFilter(), maxInstances: 25);
        PurgeResult last = await hub.Client.PurgeInstancesAsync(new PurgeInstancesFilter(), maxInstances: 25);

        Assert.Equal((25, false), (first.PurgedInstanceCount, first.IsComplete));
        Assert.Equal((25, false), (second.PurgedInstanceCount, second.IsComplete));
        Assert.Equal((10, true), (last.PurgedInstanceCount, last.IsComplete));
        Assert.Null(await hub.Client.GetInstanceAsync(ids[0]));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => hub.Client.GetOrchestrationHistoryAsync(ids[^1]));
    }

    [Fact]
    public async Task Sub_orchestrations_in_other_partitions_start_and_report_back()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 12);
        OrchestrationMetadata done = await CompletedAsync(hub.Client, id);

        // FanOutSum(i) sums 1..i, so the parent gets the sum of the first 12 triangular numbers.
        Assert.Equal(Enumerable.Range(1, 12).Sum(i => i * (i + 1) / 2), done.ReadOutputAs<int>());
        Assert.True(Enumerable.Range(0, 12).Select(i => Partitions.Of($"{id}:{i:X4}", 4)).Distinct().Count() > 1, "children span partitions");
    }

    [Fact]
    public async Task Suspend_resume_continue_as_new_and_terminate_work_on_storage()
    {
        await using TestHub hub = await StartAsync(azurite.NewHubName());
        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Looper", 1);
        await hub.Client.WaitForInstanceStartAsync(id);

        await hub.Client.SuspendInstanceAsync(id);
        await Eventually.HoldsAsync(async () => (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, Patience, "suspended");
        await hub.Client.RaiseEventAsync(id, "Next", "again");
        await hub.Client.ResumeInstanceAsync(id);
        await Eventually.HoldsAsync(async () => (await hub.Client.GetInstanceAsync(id, true)) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } m
            && m.ReadInputAs<int>() == 2, Patience, "continued as new with round 2");
        await hub.Client.TerminateInstanceAsync(id, "meeting cancelled");
        OrchestrationMetadata done = await CompletedAsync(hub.Client, id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("meeting cancelled", done.ReadOutputAs<string>());
        Assert.Equal(2, done.ReadInputAs<int>());
    }
}
