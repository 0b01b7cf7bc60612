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
}
