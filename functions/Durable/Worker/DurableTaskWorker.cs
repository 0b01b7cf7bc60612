using System.Globalization;
using Hntt.Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Worker;

/// <summary>
/// A host's worker: takes a fair share of the hub's partitions, runs a poll loop for each, renews ownership,
/// and takes over partitions whose owner stopped renewing. Ownership is the partition's fence row: a worker
/// owns a partition while its ETag is the one it wrote last. Expiry is judged by the observer's own clock
/// (an ETag unchanged for the lease expiry), so clock skew between hosts does not matter; a stale owner's
/// next commit fails on the fence, so two owners can never both commit (DT#410).
/// </summary>
internal sealed class DurableTaskWorker(ITaskHubStore store, WorkerContext context) : BackgroundService
{
    readonly ILogger logger = context.LoggerFactory.CreateLogger<DurableTaskWorker>();
    readonly Dictionary<int, (PartitionProcessor Processor, Task Loop, CancellationTokenSource Stop)> owned = [];
    readonly Dictionary<(string Kind, string Key), (string ETag, DateTime Since)> observed = [];
    readonly PartitionProcessor?[] byPartition = new PartitionProcessor?[context.Options.StorageProvider.PartitionCount];

    // Projection rows that missed an update are rare; looking for them every few minutes costs two queries.
    static readonly TimeSpan ReconcileInterval = TimeSpan.FromMinutes(5);

    StorageProviderOptions Settings => context.Options.StorageProvider;

    /// <summary>Partitions this worker owns now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (owned)
            {
                return owned.Keys.ToList();
            }
        }
    }

    /// <summary>Wakes a partition's loop if this worker owns it.</summary>
    public void Wake(int partition) => Volatile.Read(ref byPartition[partition])?.RequestPoll();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        context.Wake = Wake;
        await store.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await BalanceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Azure.RequestFailedException ex)
                {
                    // Storage unreachable for a moment: owned partitions keep running until their fence says otherwise.
                    logger.BalanceFailed(context.WorkerId, ex);
                }

                await Task.Delay(Settings.PartitionLeaseRenewalInterval, context.Time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (int partition in OwnedPartitions)
            {
                await StopAsync(partition, release: true).ConfigureAwait(false);
            }
        }
    }

    async Task BalanceAsync(CancellationToken cancellationToken)
    {
        DateTime now = context.Time.GetUtcNow().UtcDateTime;
        int workers = await CountLiveWorkersAsync(now, cancellationToken).ConfigureAwait(false);
        var takeable = new List<(int Partition, string? ETag)>();
        for (int partition = 0; partition < Settings.PartitionCount; partition++)
        {
            if (OwnedPartitions.Contains(partition))
            {
                await RenewAsync(partition, cancellationToken).ConfigureAwait(false);
                continue;
            }

            (string Owner, string ETag)? fence = await store.ReadFenceAsync(partition, cancellationToken).ConfigureAwait(false);
            if (fence is not { } f)
            {
                takeable.Add((partition, null));
            }
            else if (f.Owner.Length == 0 || Unchanged(("p", partition.ToString(CultureInfo.InvariantCulture)), f.ETag, now))
            {
                takeable.Add((partition, f.ETag)); // released, or its owner stopped renewing
            }
        }

        int fairShare = (Settings.PartitionCount + workers - 1) / workers;
        foreach (var (partition, etag) in takeable)
        {
            if (OwnedPartitions.Count >= fairShare)
            {
                break;
            }

            if (await store.TryWriteFenceAsync(partition, context.WorkerId, etag, cancellationToken).ConfigureAwait(false) is { } mine)
            {
                Start(partition, mine, cancellationToken);
            }
        }

        // Give back what is over the fair share, one at a time, so that a newly started worker gets work.
        if (OwnedPartitions.Count > fairShare)
        {
            await StopAsync(OwnedPartitions.Max(), release: true).ConfigureAwait(false);
        }
    }

    /// <summary>Beats this worker's heartbeat and counts the workers whose heartbeat changed lately (this one included).</summary>
    async Task<int> CountLiveWorkersAsync(DateTime now, CancellationToken cancellationToken)
    {
        await store.HeartbeatAsync(context.WorkerId, cancellationToken).ConfigureAwait(false);
        int live = 1;
        foreach (var (workerId, etag) in await store.ReadWorkersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (workerId == context.WorkerId)
            {
                continue;
            }

            if (!Unchanged(("w", workerId), etag, now))
            {
                live++;
            }
            else if (now - observed[("w", workerId)].Since > Settings.PartitionLeaseExpiry * 10)
            {
                await store.ForgetWorkerAsync(workerId, etag, cancellationToken).ConfigureAwait(false);
                observed.Remove(("w", workerId));
            }
        }

        return live;
    }

    /// <summary>True when the row's ETag has not changed for a lease expiry, as this worker's own clock measures.</summary>
    bool Unchanged((string Kind, string Key) row, string etag, DateTime now)
    {
        if (!observed.TryGetValue(row, out var seen) || seen.ETag != etag)
        {
            observed[row] = seen = (etag, now);
        }

        return now - seen.Since >= Settings.PartitionLeaseExpiry;
    }

    async Task RenewAsync(int partition, CancellationToken cancellationToken)
    {
        PartitionProcessor processor;
        lock (owned)
        {
            processor = owned[partition].Processor;
        }

        try
        {
            await processor.RenewAsync(Settings.PartitionLeaseRenewalInterval / 2, cancellationToken).ConfigureAwait(false);
        }
        catch (PartitionLostException)
        {
            logger.PartitionLost(context.WorkerId, partition);
            await StopAsync(partition, release: false).ConfigureAwait(false);
        }
    }

    void Start(int partition, string fenceETag, CancellationToken stoppingToken)
    {
        var processor = new PartitionProcessor(partition, fenceETag, store, context);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task loop = Task.Run(() => RunAsync(processor, stop.Token), CancellationToken.None);
        lock (owned)
        {
            owned[partition] = (processor, loop, stop);
        }

        Volatile.Write(ref byPartition[partition], processor);
        observed.Remove(("p", partition.ToString(CultureInfo.InvariantCulture)));
        logger.PartitionAcquired(context.WorkerId, partition);
    }

    async Task StopAsync(int partition, bool release)
    {
        (PartitionProcessor Processor, Task Loop, CancellationTokenSource Stop) entry;
        lock (owned)
        {
            if (!owned.Remove(partition, out entry))
            {
                return;
            }
        }

        Volatile.Write(ref byPartition[partition], null);
        await entry.Stop.CancelAsync().ConfigureAwait(false);
        await entry.Loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        entry.Stop.Dispose();
        if (release)
        {
            try
            {
                await entry.Processor.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
                logger.PartitionReleased(context.WorkerId, partition);
            }
            catch (Azure.RequestFailedException)
            {
                // Not released: it expires instead.
            }
        }
    }

    /// <summary>The partition's loop: rounds back to back while there is work, then adaptive sleeps that a timer or a local enqueue cut short.</summary>
    async Task RunAsync(PartitionProcessor processor, CancellationToken cancellationToken)
    {
        TimeSpan quickest = TimeSpan.FromMilliseconds(10);
        TimeSpan delay = quickest;
        bool recovered = false;
        DateTime lastReconciled = context.Time.GetUtcNow().UtcDateTime;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                bool worked;
                try
                {
                    if (!recovered)
                    {
                        await processor.RecoverAsync(cancellationToken).ConfigureAwait(false);
                        recovered = true;
                    }

                    worked = await processor.RunRoundAsync(cancellationToken).ConfigureAwait(false);
                    DateTime now = context.Time.GetUtcNow().UtcDateTime;
                    if (now - lastReconciled > ReconcileInterval)
                    {
                        lastReconciled = now;
                        await processor.ReconcileProjectionAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not PartitionLostException and not OperationCanceledException)
                {
                    logger.RoundFailed(processor.Partition, ex);
                    worked = false;
                }

                if (worked)
                {
                    delay = quickest;
                    continue;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Settings.MaxQueuePollingInterval.Ticks));
                TimeSpan wait = delay;
                if (processor.NextVisibleAt is { } next)
                {
                    TimeSpan untilNext = next - context.Time.GetUtcNow().UtcDateTime;
                    wait = untilNext < wait ? (untilNext > TimeSpan.Zero ? untilNext : TimeSpan.Zero) : wait;
                }

                await processor.Signal.WaitAsync(wait, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PartitionLostException)
        {
            logger.PartitionLost(context.WorkerId, processor.Partition);
            _ = StopAsync(processor.Partition, release: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
