using Hntt.Durable.Client;
using Hntt.Durable.Storage;
using Hntt.Durable.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hntt.Durable.Testing;

/// <summary>
/// Runs orchestrations in memory on a virtual clock, with the same worker code as the storage-backed runtime:
/// when nothing can run, the clock jumps to the next timer, so a workflow of days finishes in milliseconds.
/// </summary>
public sealed class DurableTestHost
{
    readonly VirtualTimeProvider time;
    readonly InMemoryTaskHubStore store;
    readonly WorkerContext context;
    readonly List<PartitionProcessor> processors = [];
    readonly Dictionary<int, PartitionProcessor> byPartition = [];

    /// <summary>Creates a host with the given registrations, starting the clock at <paramref name="start"/>.</summary>
    public DurableTestHost(Action<DurableTaskRegistry> register, DateTimeOffset start, IServiceProvider? services = null,
        ILoggerFactory? loggerFactory = null, int partitionCount = 2)
        : this(register, start, _ => services ?? new EmptyServices(), loggerFactory, partitionCount)
    {
    }

    /// <summary>Creates a host whose activities' services are built with the host's virtual clock (register it as their <see cref="TimeProvider"/>).</summary>
    public DurableTestHost(Action<DurableTaskRegistry> register, DateTimeOffset start, Func<TimeProvider, IServiceProvider> services,
        ILoggerFactory? loggerFactory = null, int partitionCount = 2)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(services);
        var registry = new DurableTaskRegistry();
        register(registry);
        time = new VirtualTimeProvider(start);
        store = new InMemoryTaskHubStore(partitionCount);
        var options = new DurableTaskOptions { StorageProvider = { PartitionCount = partitionCount } };
        IServiceProvider provider = services(time);
        loggerFactory ??= NullLoggerFactory.Instance;
        var notifier = new InstanceChangeNotifier();
        context = new WorkerContext(options, registry, provider, loggerFactory, time, "test-host",
            new ActivityRunner(registry, provider, loggerFactory.CreateLogger<ActivityRunner>(), 16), notifier);
        for (int partition = 0; partition < partitionCount; partition++)
        {
            string fence = store.TryWriteFenceAsync(partition, context.WorkerId, null, CancellationToken.None).GetAwaiter().GetResult()!;
            var processor = new PartitionProcessor(partition, fence, store, context);
            processors.Add(processor);
            byPartition[partition] = processor;
        }

        Client = new DurableTaskClient(store, options, time, notifier, _ => { });
    }

    /// <summary>The client for this host.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The virtual clock's time.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The virtual clock, for code under test that takes a <see cref="TimeProvider"/>.</summary>
    public TimeProvider TimeProvider => time;

    /// <summary>Moves the virtual clock forward.</summary>
    public void Advance(TimeSpan by) => time.Set(time.GetUtcNow() + by);

    /// <summary>
    /// Runs everything that can run; while nothing can, jumps the clock to the next timer, as long as it is no
    /// later than <paramref name="until"/> (no jumping when null).
    /// </summary>
    public async Task RunUntilIdleAsync(DateTimeOffset? until = null)
    {
        while (true)
        {
            bool worked = false;
            foreach (PartitionProcessor processor in processors)
            {
                worked |= await processor.RunRoundAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (worked || processors.Any(p => !p.IsIdle))
            {
                continue;
            }

            if (context.Activities.Running > 0)
            {
                await context.Activities.WhenAllAnswered().ConfigureAwait(false);
                continue;
            }

            if (until is null || store.NextMessageVisibleAt() is not { } next || next > until.Value.UtcDateTime)
            {
                return;
            }

            time.Set(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)));
        }
    }

    /// <summary>Runs until the instance finishes, skipping time up to <paramref name="maxVirtualTime"/> ahead.</summary>
    public async Task<OrchestrationMetadata> RunUntilCompletedAsync(string instanceId, TimeSpan? maxVirtualTime = null)
    {
        await RunUntilIdleAsync(Now + (maxVirtualTime ?? TimeSpan.FromDays(400))).ConfigureAwait(false);
        OrchestrationMetadata instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        return instance;
    }

    /// <summary>Forgets every instance held in memory, as a worker restart would: the next step replays history.</summary>
    public void Restart()
    {
        for (int i = 0; i < processors.Count; i++)
        {
            string fence = store.TryWriteFenceAsync(i, context.WorkerId, null, CancellationToken.None).GetAwaiter().GetResult()
                ?? store.ReadFenceAsync(i, CancellationToken.None).GetAwaiter().GetResult()!.Value.ETag;
            processors[i] = byPartition[i] = new PartitionProcessor(i, fence, store, context);
            processors[i].RecoverAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    sealed class VirtualTimeProvider(DateTimeOffset start) : TimeProvider
    {
        long ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

        public void Set(DateTimeOffset now) => Interlocked.Exchange(ref ticks, now.UtcTicks);
    }

    sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
