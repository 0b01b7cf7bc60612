namespace Hntt.Durable.Storage;

/// <summary>A message to one instance, waiting in its partition's inbox until it is visible.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution, when only that execution may receive it (results, timers).</param>
/// <param name="Event">What happened.</param>
internal sealed record TaskMessage(string InstanceId, string? ExecutionId, HistoryEvent Event);

/// <summary>A message as read from the inbox; <see cref="Message"/> is null when it could not be read.</summary>
/// <param name="Id">Its row key: visible time then a unique suffix, so the inbox reads in time order.</param>
/// <param name="VisibleAt">When it may be processed (timers lie in the future).</param>
/// <param name="InstanceId">The target instance, when readable.</param>
/// <param name="Message">The parsed message.</param>
/// <param name="Raw">The stored text, kept for the dead-letter store.</param>
/// <param name="Error">Why it could not be read.</param>
internal sealed record StoredMessage(string Id, DateTime VisibleAt, string? InstanceId, TaskMessage? Message, string Raw, string? Error = null);

/// <summary>A message to send, with a key derived from its cause so that sending twice stores it once.</summary>
internal sealed record OutgoingMessage(string Id, DateTime VisibleAt, TaskMessage Message);

/// <summary>The authoritative state of one instance: written with every step, in the same transaction.</summary>
internal sealed record InstanceHead(string InstanceId, string Name, string ExecutionId)
{
    public OrchestrationRuntimeStatus Status { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public TaskFailureDetails? Failure { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastUpdatedAt { get; init; }

    /// <summary>Episodes of the current execution; the next one gets this sequence number.</summary>
    public int Episodes { get; init; }

    /// <summary>Activities scheduled and not yet answered: a new owner re-runs them.</summary>
    public int OpenActivities { get; init; }

    /// <summary>Messages of episodes from this one on may not all be sent yet: a new owner re-sends them; -1 when all are sent.</summary>
    public int OutboxFrom { get; init; } = -1;

    public int DeadLetterCount { get; init; }

    public OrchestrationMetadata ToMetadata(bool withPayloads) => new(Name, InstanceId)
    {
        RuntimeStatus = Status,
        ExecutionId = ExecutionId,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(LastUpdatedAt, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? Input : null,
        SerializedOutput = withPayloads ? Output : null,
        SerializedCustomStatus = CustomStatus,
        FailureDetails = Failure,
        DeadLetterCount = DeadLetterCount,
    };
}

/// <summary>The events of one step of one execution, stored as one row.</summary>
internal sealed record Episode(string InstanceId, string ExecutionId, int Sequence, IReadOnlyList<HistoryEvent> Events);

/// <summary>A message that failed too often, kept for ops to inspect and replay.</summary>
internal sealed record DeadLetter(string Id, int Partition, string? InstanceId, string Reason, string Raw, DateTime At);

/// <summary>Everything one step of one instance writes: committed atomically, all or nothing.</summary>
internal sealed record StepWrite(string InstanceId)
{
    public InstanceHead? Head { get; init; }
    public Episode? Episode { get; init; }
    public IReadOnlyList<StoredMessage> Consumed { get; init; } = [];
    public IReadOnlyList<OutgoingMessage> Inline { get; init; } = [];
    public IReadOnlyList<DeadLetter> DeadLetters { get; init; } = [];

    public int EntityCount => (Head is null ? 0 : 1) + (Episode is null ? 0 : 1) + Consumed.Count + Inline.Count + DeadLetters.Count;
}

/// <summary>The partition's fence row was changed by another owner: this worker no longer owns it.</summary>
internal sealed class PartitionLostException(int partition)
    : Exception($"Partition {partition} is owned by another worker now.");
