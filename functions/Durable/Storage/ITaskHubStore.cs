namespace Hntt.Durable.Storage;

/// <summary>
/// Where a task hub keeps its state. Each partition is one ordered key range holding the instances' heads and
/// histories, the inbox of messages and timers, dead letters and a fence row; a commit writes several steps
/// atomically per step and only while the caller's fence ETag is current.
/// </summary>
internal interface ITaskHubStore
{
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    /// <summary>The fence's owner and ETag; null when the fence row does not exist yet.</summary>
    Task<(string Owner, string ETag)?> ReadFenceAsync(int partition, CancellationToken cancellationToken);

    /// <summary>Sets the fence's owner if its ETag is still <paramref name="expectedETag"/> (null: create it); the new ETag, or null if another got there first.</summary>
    Task<string?> TryWriteFenceAsync(int partition, string owner, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>Marks this worker alive: its heartbeat row's ETag changes.</summary>
    Task HeartbeatAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Every worker's heartbeat row and its ETag.</summary>
    Task<IReadOnlyList<(string WorkerId, string ETag)>> ReadWorkersAsync(CancellationToken cancellationToken);

    /// <summary>Removes a dead worker's heartbeat row if it has not changed since it was read.</summary>
    Task ForgetWorkerAsync(string workerId, string etag, CancellationToken cancellationToken);

    /// <summary>Inbox messages visible before <paramref name="visibleBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(int partition, DateTime visibleBefore, int max, CancellationToken cancellationToken);

    /// <summary>Adds messages to a partition's inbox; a message whose id is already there is left as it is.</summary>
    Task SendAsync(int partition, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    Task<InstanceHead?> ReadHeadAsync(int partition, string instanceId, bool withPayloads, CancellationToken cancellationToken);

    /// <summary>The heads of several instances of one partition in one request; missing ones are left out.</summary>
    Task<IReadOnlyDictionary<string, InstanceHead>> ReadHeadsAsync(int partition, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a Pending head and the start message in one transaction, replacing a finished instance of that id;
    /// returns the existing head instead, changing nothing, when an unfinished instance has the id.
    /// </summary>
    Task<InstanceHead?> StartAsync(int partition, InstanceHead pending, OutgoingMessage start, CancellationToken cancellationToken);

    /// <summary>Heads of instances with activities in flight or messages perhaps unsent: work a new owner must resume.</summary>
    Task<IReadOnlyList<InstanceHead>> ReadHeadsNeedingRecoveryAsync(int partition, CancellationToken cancellationToken);

    /// <summary>Status and last update of every head in the partition, for reconciling the query projection.</summary>
    Task<IReadOnlyDictionary<string, (OrchestrationRuntimeStatus Status, DateTime LastUpdatedAt)>> ReadHeadStatusesAsync(int partition, CancellationToken cancellationToken);

    Task<IReadOnlyList<Episode>> ReadHistoryAsync(int partition, string instanceId, string executionId, CancellationToken cancellationToken);

    /// <summary>Commits steps in as few transactions as the limits allow, each guarded by the fence; returns the fence's new ETag.</summary>
    /// <exception cref="PartitionLostException">Another worker owns the partition now.</exception>
    Task<string> CommitAsync(int partition, string fenceETag, string owner, IReadOnlyList<StepWrite> steps, CancellationToken cancellationToken);

    /// <summary>Writes the query projection of the given heads (after their commit).</summary>
    Task WriteProjectionAsync(int partition, IReadOnlyList<InstanceHead> heads, CancellationToken cancellationToken);

    Task<InstanceHead?> ReadProjectionAsync(int partition, string instanceId, CancellationToken cancellationToken);

    Task<(IReadOnlyList<InstanceHead> Heads, string? ContinuationToken)> QueryProjectionAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Projection rows of the partition that say the instance is not finished.</summary>
    Task<IReadOnlyList<InstanceHead>> ReadUnfinishedProjectionsAsync(int partition, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance's history, head, projection and payloads; false when it changed meanwhile.</summary>
    Task<bool> PurgeAsync(int partition, string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int partition, CancellationToken cancellationToken);

    Task DeleteDeadLetterAsync(int partition, string id, CancellationToken cancellationToken);
}
