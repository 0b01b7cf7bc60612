using DurableTask.Core.History;
using Hntt.TaskHub.TestWorker;
using Hntt.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace Hntt.TaskHub.Tests;

/// <summary>
/// Orchestration versions as host.json sets them (<c>defaultVersion</c>, <c>versionMatchStrategy</c>,
/// <c>versionFailureStrategy</c>): in a rolling deployment the old hosts leave the new version's orchestrations to the new hosts.
/// </summary>
public sealed class VersioningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    static Action<Dictionary<string, string?>> Versioned(string version, string onMismatch = "Reject") => settings =>
    {
        settings["extensions:durableTask:defaultVersion"] = version;
        settings["extensions:durableTask:versionMatchStrategy"] = "CurrentOrOlder";
        settings["extensions:durableTask:versionFailureStrategy"] = onMismatch;
    };

    static void Register(DurableTaskRegistry registry) => registry.AddAllFrom(typeof(CountingChain).Assembly);

    static async Task<string?> StartedVersionAsync(DurableTaskClient client, string id) =>
        (await client.GetOrchestrationHistoryAsync(id)).OfType<ExecutionStartedEvent>().Single().Version;

    [Fact]
    public async Task An_old_worker_leaves_a_newer_orchestration_queued_and_a_new_worker_runs_it_with_the_older_ones()
    {
        string hubName = azurite.NewHubName("versions");
        using var logs = new FakeLoggerProvider();
        using var patience = new CancellationTokenSource(Patience);
        string older, newer;
        await using (TestHub old = await TestHub.StartAsync(azurite.ConnectionString, hubName, Register, configure: Versioned("1"), logs: logs))
        {
            older = await old.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 3);
            Assert.Equal(3, (await old.Client.WaitForInstanceCompletionAsync(older, getInputsAndOutputs: true, patience.Token)).ReadOutputAs<int>());
            // Started only now, so the old host hands it back once or twice before it stops: each hand-back hides it longer.
            newer = await old.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 3, new StartOrchestrationOptions { Version = "2" });

            await Eventually.HoldsAsync(() => Task.FromResult(logs.Collector.GetSnapshot().Any(r => r.Id.Id == 7301 && r.Message.Contains(newer, StringComparison.Ordinal))),
                Patience, "the old worker handed the newer orchestration back");
            Assert.Equal(OrchestrationRuntimeStatus.Pending, (await old.Client.GetInstanceAsync(newer))!.RuntimeStatus); // not a step of it ran
            Assert.Equal("1", await StartedVersionAsync(old.Client, older)); // the host's defaultVersion, stamped on what it starts
        }

        await using TestHub current = await TestHub.StartAsync(azurite.ConnectionString, hubName, Register, configure: Versioned("2"));
        string oldest = await current.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 2, new StartOrchestrationOptions { Version = "0" });
        OrchestrationMetadata done = await current.Client.WaitForInstanceCompletionAsync(newer, getInputsAndOutputs: true, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(2, (await current.Client.WaitForInstanceCompletionAsync(oldest, getInputsAndOutputs: true, patience.Token)).ReadOutputAs<int>()); // and older ones
    }

    [Fact]
    public async Task A_worker_set_to_fail_fails_a_newer_orchestration_and_says_why()
    {
        string hubName = azurite.NewHubName("versionfail");
        using var patience = new CancellationTokenSource(Patience);
        await using TestHub hub = await TestHub.StartAsync(azurite.ConnectionString, hubName, Register, configure: Versioned("1", onMismatch: "Fail"));

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountingChain), 3, new StartOrchestrationOptions { Version = "1.1" });
        OrchestrationMetadata done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("'1.1' is newer than this worker's '1'", done.SerializedOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None", "1", "7", true)]
    [InlineData("CurrentOrOlder", "1.2", "1.2", true)]
    [InlineData("CurrentOrOlder", "1.2", "1.10", false)] // compared as versions, not as text
    [InlineData("CurrentOrOlder", "2", "", true)] // unversioned is the oldest
    [InlineData("Strict", "2", "1", false)]
    [InlineData("Strict", "2", "2", true)]
    public void Which_versions_a_worker_runs(string strategy, string workerVersion, string orchestrationVersion, bool runs)
    {
        var gate = new VersionGate(new TaskHubOptions
        {
            DefaultVersion = workerVersion,
            VersionMatchStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionMatchStrategy>(strategy),
        }, NullLogger.Instance);

        Assert.Equal(runs, gate.Refusal(orchestrationVersion) is null);
    }
}
