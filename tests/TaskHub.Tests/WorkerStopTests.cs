using Hntt.Testing;
using Hntt.TaskHub.TestWorker;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.TaskHub.Tests;

/// <summary>Stopping when storage is already gone: Ctrl+C in scripts/run stops Azurite and the service at the same moment.</summary>
public sealed class WorkerStopTests
{
    [Fact]
    public async Task A_worker_whose_storage_is_gone_gives_up_at_the_hosts_shutdown_deadline_without_throwing()
    {
        AzuriteServer storage = await AzuriteServer.StartAsync();
        TestHub hub = await TestHub.StartAsync(storage.ConnectionString, "stopgone", r => r.AddAllFrom(typeof(AddOne).Assembly));
        TaskHubWorkerHost worker = hub.Services.GetRequiredService<TaskHubWorkerHost>();
        await storage.DisposeAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await worker.StopAsync(deadline.Token);

        Assert.False(worker.IsRunning);
        await hub.DisposeAsync(); // the host's own stop finds the worker stopped and does not wait again
    }
}
