using Azure.Data.Tables;
using DurableTask.Core.History;
using Hntt.TaskHub.TestWorker;
using Hntt.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace Hntt.TaskHub.Tests;

/// <summary>Worker processes killed with SIGKILL at random moments: nothing is lost, no step is recorded twice.</summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    static async Task<int> CountAsync(DurableTaskClient client, OrchestrationRuntimeStatus status) =>
        await client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [status], PageSize: 1000)).CountAsync();

    [Fact]
    public async Task Workers_killed_at_random_moments_complete_every_orchestration_exactly_once()
    {
        string hubName = azurite.NewHubName("crash");
        await using TestHub client = await TestHub.StartAsync(azurite.ConnectionString, hubName, _ => { }, runWorker: false);
        const int Instances = 20;
        const int Steps = 6;
        var worker = WorkerProcess.Start(azurite.ConnectionString, hubName);
        try
        {
            string[] ids = await Task.WhenAll(Enumerable.Range(0, Instances).Select(i =>
                client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), Steps, new StartOrchestrationOptions($"chain-{i:D3}"))));

            // The kill schedule is random on purpose; the assertions below hold whatever it is.
            int seed = Random.Shared.Next();
            var random = new Random(seed);
            output.WriteLine($"kill schedule seed {seed}");
            for (int kill = 0; kill < 4; kill++)
            {
                await Task.Delay(random.Next(500, 3000));
                worker.Kill();
                worker.Dispose();
                worker = WorkerProcess.Start(azurite.ConnectionString, hubName);
            }

            await Eventually.HoldsAsync(async () => await CountAsync(client.Client, OrchestrationRuntimeStatus.Completed) == Instances,
                Patience, "every orchestration completed");

            foreach (string id in ids)
            {
                OrchestrationMetadata done = (await client.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
                IList<HistoryEvent> history = await client.Client.GetOrchestrationHistoryAsync(id);
                Assert.Equal(Steps, done.ReadOutputAs<int>());
                Assert.Single(history.OfType<ExecutionStartedEvent>());
                Assert.Single(history.OfType<ExecutionCompletedEvent>());
                Assert.Equal(Enumerable.Range(0, Steps + 1), history.OfType<TaskScheduledEvent>().Select(t => t.EventId).Concat(history.OfType<TimerCreatedEvent>().Select(t => t.EventId)).Order());
                // Messages arrive at least once: a result or a timer's firing that a killed worker had recorded but not yet
                // deleted from its queue is delivered again and recorded again; the framework applies the first one
                // for a task or timer and ignores the others, so each step counts once.
                Assert.Equal(Steps, history.OfType<TaskCompletedEvent>().Select(c => c.TaskScheduledId).Distinct().Count());
                Assert.Single(history.OfType<TimerFiredEvent>().Select(t => t.TimerId).Distinct());
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
        TableClient leases = new TableServiceClient(azurite.ConnectionString).GetTableClient(hubName + "Partitions");
        async Task<string[]> OwnersAsync() => await leases.QueryAsync<TableEntity>().Select(e => e.GetString("CurrentOwner") ?? string.Empty).ToArrayAsync();
        using var first = WorkerProcess.Start(azurite.ConnectionString, hubName);
        using var second = WorkerProcess.Start(azurite.ConnectionString, hubName);

        await Eventually.HoldsAsync(async () => (await OwnersAsync()) is { Length: 4 } owners && owners.All(o => o.Length > 0) && owners.Distinct().Count() == 2,
            Patience, "the two hosts split the four partitions");
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 10)));
        await Eventually.HoldsAsync(async () => await CountAsync(client.Client, OrchestrationRuntimeStatus.Running) > 6, Patience, "work under way on both hosts");
        first.Kill();

        await Eventually.HoldsAsync(async () => await CountAsync(client.Client, OrchestrationRuntimeStatus.Completed) == ids.Length,
            Patience, "every orchestration completed on the survivor");
        Assert.Single((await OwnersAsync()).Distinct());
        foreach (string id in ids)
        {
            Assert.Equal(10, (await client.Client.GetInstanceAsync(id, true))!.ReadOutputAs<int>());
        }
    }
}
