using Azure.Data.Tables;
using Azure.Storage.Queues;
using Hntt.TaskHub.TestWorker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.TaskHub.Tests;

/// <summary>The SDK's orchestrations on the Azure Storage provider on Azurite, through our host and client.</summary>
public sealed class EngineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Chains_and_fan_outs_run_on_the_provider_in_its_own_task_hub_layout()
    {
        string hubName = azurite.NewHubName("layout");
        await using TestHub hub = await TestHub.StartAsync(azurite.ConnectionString, hubName, r => r.AddAllFrom(typeof(AddOne).Assembly));
        using var patience = new CancellationTokenSource(Patience);

        string chain = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 5);
        string fan = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutSum), 20);
        OrchestrationMetadata chained = await hub.Client.WaitForInstanceCompletionAsync(chain, getInputsAndOutputs: true, patience.Token);
        OrchestrationMetadata fanned = await hub.Client.WaitForInstanceCompletionAsync(fan, getInputsAndOutputs: true, patience.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, chained.RuntimeStatus);
        Assert.Equal(5, chained.ReadOutputAs<int>());
        Assert.Equal(Enumerable.Range(1, 20).Sum(), fanned.ReadOutputAs<int>());
        var tables = new TableServiceClient(azurite.ConnectionString);
        List<string> tableNames = await tables.QueryAsync(t => t.Name.CompareTo(hubName) >= 0).Select(t => t.Name).Where(n => n.StartsWith(hubName, StringComparison.Ordinal)).ToListAsync();
        Assert.Contains(hubName + "Instances", tableNames);
        Assert.Contains(hubName + "History", tableNames);
        var queues = new QueueServiceClient(azurite.ConnectionString);
        List<string> queueNames = await queues.GetQueuesAsync(prefix: hubName.ToLowerInvariant()).Select(q => q.Name).ToListAsync();
        Assert.Equal([$"{hubName.ToLowerInvariant()}-control-00", $"{hubName.ToLowerInvariant()}-control-01", $"{hubName.ToLowerInvariant()}-control-02",
            $"{hubName.ToLowerInvariant()}-control-03", $"{hubName.ToLowerInvariant()}-workitems"], queueNames.Order());
    }

    [Fact]
    public async Task Inputs_outputs_and_events_larger_than_a_queue_message_round_trip_even_when_raised_before_the_first_step()
    {
        string hubName = azurite.NewHubName("large");
        await using TestHub hub = await TestHub.StartAsync(azurite.ConnectionString, hubName, r => r.AddAllFrom(typeof(AddOne).Assembly));
        using var patience = new CancellationTokenSource(Patience);
        string input = new('đ', 100_000);
        string appended = new('ư', 80_000);

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AppendOnEvent), input);
        await hub.Client.RaiseEventAsync(id, "Append", appended); // DT#720: possibly before the instance has run at all
        OrchestrationMetadata done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(input + appended, done.ReadOutputAs<string>());
        Assert.Equal(input, done.ReadInputAs<string>());
    }

    [Fact]
    public async Task Queries_filter_by_status_and_prefix_and_page_and_purges_remove_only_finished_instances()
    {
        string hubName = azurite.NewHubName("query");
        await using TestHub hub = await TestHub.StartAsync(azurite.ConnectionString, hubName, r => r.AddAllFrom(typeof(AddOne).Assembly));
        using var patience = new CancellationTokenSource(Patience);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (int i = 0; i < 5; i++)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 1, new StartOrchestrationOptions($"done-{i}"));
        }

        string waiting = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AppendOnEvent), "x", new StartOrchestrationOptions("waiting"));
        for (int i = 0; i < 5; i++)
        {
            await hub.Client.WaitForInstanceCompletionAsync($"done-{i}", patience.Token);
        }

        await hub.Client.WaitForInstanceStartAsync(waiting, patience.Token);
        List<Page<OrchestrationMetadata>> pages = await hub.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: "done-", PageSize: 2)).AsPages().ToListAsync();
        int running = await hub.Client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running])).CountAsync();
        PurgeResult refused = await hub.Client.PurgeInstanceAsync(waiting);
        PurgeResult purged = await hub.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(before, null, [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(["done-0", "done-1", "done-2", "done-3", "done-4"], pages.SelectMany(p => p.Values).Select(i => i.InstanceId).Order());
        Assert.True(pages.Count >= 3, $"{pages.Count} pages of at most two");
        Assert.Equal(1, running);
        Assert.Equal(0, refused.PurgedInstanceCount);
        Assert.Equal((5, true), (purged.PurgedInstanceCount, purged.IsComplete));
        Assert.Null(await hub.Client.GetInstanceAsync("done-3"));
        Assert.NotNull(await hub.Client.GetInstanceAsync(waiting));
    }
}
