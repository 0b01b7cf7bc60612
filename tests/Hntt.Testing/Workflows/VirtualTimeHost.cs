using DurableTask.Core;
using DurableTask.Core.History;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hntt.Testing.Workflows;

/// <summary>
/// Runs SDK orchestrations and activities on the Durable Task Framework's own worker, in memory, on a virtual clock:
/// when nothing can run, the clock jumps to the next timer, so a workflow of days finishes in milliseconds. The
/// client is the one the service uses (<see cref="CoreDurableTaskClient"/>), over the in-memory store.
/// </summary>
public sealed class VirtualTimeHost : IAsyncDisposable
{
    static readonly TimeSpan Stuck = TimeSpan.FromSeconds(60);
    readonly FakeTimeProvider clock;
    readonly VirtualOrchestrationService service;
    readonly TaskHubWorker worker;
    readonly Lazy<Task> started;

    /// <summary>
    /// A host whose activities' services are built with the host's virtual clock (register it as their <see cref="TimeProvider"/>);
    /// its client stamps the product's <see cref="RepoPaths.DefaultVersion"/> on what it starts, as the service's does.
    /// </summary>
    public VirtualTimeHost(Action<DurableTaskRegistry> register, DateTimeOffset start, Func<TimeProvider, IServiceProvider> services, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(services);
        var registry = new DurableTaskRegistry();
        register(registry);
        clock = new FakeTimeProvider(start);
        service = new VirtualOrchestrationService(clock);
        loggers ??= NullLoggerFactory.Instance;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = TaskHubJson.Converter }, loggers);
        var objects = new TaskObjects(registry, shims, services(clock));
        worker = new TaskHubWorker(service, objects.Orchestrations, objects.Activities, loggers) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        // The framework stamps each step with the machine's clock; the orchestration must see the virtual one.
        worker.AddOrchestrationDispatcherMiddleware((context, next) =>
        {
            foreach (OrchestratorStartedEvent step in context.GetProperty<OrchestrationRuntimeState>().NewEvents.OfType<OrchestratorStartedEvent>())
            {
                step.Timestamp = clock.GetUtcNow().UtcDateTime;
            }

            return next();
        });
        started = new Lazy<Task>(() => worker.StartAsync());
        Client = new CoreDurableTaskClient(service, TaskHubJson.Converter, TimeProvider.System, RepoPaths.DefaultVersion);
    }

    /// <summary>The client for this host.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The virtual clock's time.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The virtual clock, for code under test that takes a <see cref="TimeProvider"/>.</summary>
    public TimeProvider TimeProvider => clock;

    /// <summary>Moves the virtual clock forward (timers that come due fire at the next run).</summary>
    public void Advance(TimeSpan by) => clock.Advance(by);

    /// <summary>
    /// Runs everything that can run; while nothing can, jumps the clock to the next timer, as long as it is no
    /// later than <paramref name="until"/> (no jumping when null).
    /// </summary>
    public async Task RunUntilIdleAsync(DateTimeOffset? until = null)
    {
        await started.Value.ConfigureAwait(false);
        while (true)
        {
            service.FireDueTimers();
            await WaitIdleAsync().ConfigureAwait(false);
            if (until is null || service.NextTimer is not { } next || next > until.Value.UtcDateTime)
            {
                return;
            }

            if (next > clock.GetUtcNow().UtcDateTime)
            {
                clock.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)));
            }
        }
    }

    /// <summary>Runs until the instance finishes, skipping time up to <paramref name="maxVirtualTime"/> ahead.</summary>
    public async Task<OrchestrationMetadata> RunUntilCompletedAsync(string instanceId, TimeSpan? maxVirtualTime = null)
    {
        await RunUntilIdleAsync(Now + (maxVirtualTime ?? TimeSpan.FromDays(400))).ConfigureAwait(false);
        return await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}'.");
    }

    async Task WaitIdleAsync()
    {
        using var stuck = new CancellationTokenSource(Stuck);
        while (true)
        {
            Task changed = service.Changed;
            if (service.IsIdle)
            {
                return;
            }

            try
            {
                await changed.WaitAsync(stuck.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The workflow did not settle within {Stuck.TotalSeconds} s: {service.Describe()}");
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (started.IsValueCreated)
        {
            await worker.StopAsync(isForced: true).ConfigureAwait(false);
        }

        worker.Dispose();
    }
}
