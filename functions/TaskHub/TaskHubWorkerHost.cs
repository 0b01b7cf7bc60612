using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub;

/// <summary>
/// Runs the registered SDK orchestrators and activities on the Durable Task Framework's <see cref="TaskHubWorker"/>:
/// the framework's dispatchers fetch work from the provider and the SDK's shims execute it, as they do inside the
/// Durable Functions host.
/// </summary>
public sealed class TaskHubWorkerHost(AzureStorageTaskHub hub, DurableTaskRegistry registry, IOptions<TaskHubOptions> options, IServiceProvider services,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    TaskHubWorker? worker;

    /// <summary>True once the worker has started and until it stops.</summary>
    public bool IsRunning { get; private set; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await hub.EnsureCreatedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = TaskHubJson.Converter }, loggers);
        var objects = new TaskObjects(registry, shims, services);
        worker = new TaskHubWorker(hub.Service, objects.Orchestrations, objects.Activities, loggers)
        {
            // The SDK reads failures as FailureDetails (TaskFailedException.FailureDetails), not as serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddOrchestrationDispatcherMiddleware(new VersionGate(options.Value, loggers.CreateLogger<VersionGate>()).RunAsync);
        TaskHubTelemetry.Measure(worker);
        await worker.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        IsRunning = true;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (worker is null || !IsRunning)
        {
            return; // never started, or stopped already
        }

        IsRunning = false;
        try
        {
            // Finishes the work items in hand and gives the partition leases back, so another host takes over at once.
            await worker.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown time is up, typically because storage went first: leave. Nothing is lost — the leases
            // lapse and the messages in hand become visible again for the next worker.
            loggers.CreateLogger<TaskHubWorkerHost>().LogWarning("The durable worker did not stop within the host's shutdown time; its leases will lapse and its work items be delivered again.");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => worker?.Dispose();
}
