using Azure.Data.Tables;
using Hntt.Durable.Client;
using Hntt.Durable.TestWorker;
using Hntt.Testing;
using Xunit.Abstractions;

namespace Hntt.Durable.Tests.Worker;

/// <summary>Worker processes killed with SIGKILL at random moments: nothing is lost, nothing runs twice in parallel.</summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Workers_killed_at_random_moments_complete_every_orchestration_exactly_once()
    {
        string hubName = azurite.NewHubName("crash");
        await using TestHub client = await TestHub.StartAsync(azurite.ConnectionString, hubName, _ => { }, runWorker: false);
        const int Instances = 100;
        const int Steps = 8;
        var worker = WorkerProcess.Start(azurite.ConnectionString, hubName);
        try
        {
            string[] ids = await Task.WhenAll(Enumerable.Range(0, Instances).Select(i =>
                client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), Steps, new StartOrchestrationOptions($"chain-{i:D3}"))));

            // The kill schedule is random on purpose; the assertions below hold whatever it is.
            int seed = Random.Shared.Next();
            var random = new Random(seed);
            output.WriteLine($"kill schedule seed {seed}");
            for (int kill = 0; kill < 5; kill++)
            {
                await Task.Delay(random.Next(100, 1500));
                worker.Kill();
                worker.Dispose();
                worker = WorkerProcess.Start(azurite.ConnectionString, hubName);
            }

            await Eventually.HoldsAsync(async () => (await client.Client.QueryInstancesAsync(new OrchestrationQuery
            {
                Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000,
            })).Instances.Count == Instances, Patience, "every orchestration completed");

            foreach (string id in ids)
            {
                OrchestrationMetadata done = (await client.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
                IReadOnlyList<HistoryEvent> history = await client.Client.GetOrchestrationHistoryAsync(id);
                Assert.Equal(Steps, done.ReadOutputAs<int>());
                Assert.Single(history.OfType<ExecutionStarted>());
                Assert.Single(history.OfType<ExecutionCompleted>());
                Assert.Equal(Enumerable.Range(0, Steps + 1), history.OfType<TaskScheduled>().Select(t => t.TaskId).Concat(history.OfType<TimerCreated>().Select(t => t.TaskId)).Order());
                Assert.Equal(Steps, history.OfType<TaskCompleted>().Select(c => c.TaskScheduledId).Distinct().Count());
                Assert.Equal(Steps, history.OfType<TaskCompleted>().Count());
                Assert.Single(history.OfType<TimerFired>());
            }
        }
        finally
        {
            worker.Dispose();
        }
    }

    [Fact]
    public async Task Two_hosts_share_a_hub_and_the_survivor_finishes_the_killed_ones_work()
    {
        string hubName = azurite.NewHubName("pair");
        await using TestHub client = await TestHub.StartAsync(azurite.ConnectionString, hubName, _ => { }, runWorker: false);
        TableClient history = new TableServiceClient(azurite.ConnectionString).GetTableClient(hubName + "History");
        async Task<string[]> FenceOwnersAsync() => await history.QueryAsync<TableEntity>(e => e.RowKey == "~fence")
            .Select(e => e.GetString("Owner") ?? string.Empty).ToArrayAsync();
        using var first = WorkerProcess.Start(azurite.ConnectionString, hubName);
        using var second = WorkerProcess.Start(azurite.ConnectionString, hubName);

        await Eventually.HoldsAsync(async () => (await FenceOwnersAsync()) is { Length: 4 } owners && owners.Distinct().Count() == 2,
            Patience, "the two hosts split the four partitions");
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 30)));
        await Eventually.HoldsAsync(async () => (await client.Client.QueryInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 1000,
        })).Instances.Count > 20, Patience, "work under way on both hosts");
        first.Kill();

        await Eventually.HoldsAsync(async () => (await client.Client.QueryInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000,
        })).Instances.Count == ids.Length, Patience, "every orchestration completed on the survivor");
        Assert.Single((await FenceOwnersAsync()).Distinct());
        foreach (string id in ids)
        {
            Assert.Equal(30, (await client.Client.GetInstanceAsync(id, true))!.ReadOutputAs<int>());
        }
    }
}
