using Hntt.Durable.Storage;
using Microsoft.Extensions.Hosting;

namespace Hntt.Durable;

/// <summary>Creates the task hub's tables and containers at start, for clients and workers alike.</summary>
internal sealed class TaskHubInitializer(ITaskHubStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.CreateIfNotExistsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
