namespace Hntt.Durable.Worker;

/// <summary>Whether this host's worker is running, for readiness probes.</summary>
public sealed class DurableWorkerStatus
{
    readonly DurableTaskWorker? worker;

    internal DurableWorkerStatus(DurableTaskWorker? worker) => this.worker = worker;

    /// <summary>False when the host runs no worker (a client-only process).</summary>
    public bool HasWorker => worker is not null;

    /// <summary>The worker's loop has started and has not stopped or failed.</summary>
    public bool IsRunning => worker?.ExecuteTask is { IsCompleted: false };

    /// <summary>Partitions this host owns now (none is normal when more hosts than partitions run).</summary>
    public IReadOnlyCollection<int> OwnedPartitions => worker?.OwnedPartitions ?? [];
}
