using Hntt.Durable.Storage;
using Hntt.Durable.Worker;
using Microsoft.Extensions.Options;

namespace Hntt.Durable.Client;

/// <summary>Starts, queries and controls orchestration instances; mirrors Microsoft.DurableTask's client.</summary>
public sealed class DurableTaskClient
{
    readonly ITaskHubStore store;
    readonly DurableTaskOptions options;
    readonly TimeProvider time;
    readonly InstanceChangeNotifier notifier;
    readonly Action<int> wake;

    internal DurableTaskClient(ITaskHubStore store, DurableTaskOptions options, TimeProvider time, InstanceChangeNotifier notifier, Action<int> wake)
    {
        this.store = store;
        this.options = options;
        this.time = time;
        this.notifier = notifier;
        this.wake = wake;
    }

    internal DurableTaskClient(ITaskHubStore store, IOptions<DurableTaskOptions> options, TimeProvider time, InstanceChangeNotifier notifier, DurableTaskWorker? worker)
        : this(store, options.Value, time, notifier, worker is null ? _ => { } : worker.Wake)
    {
    }

    int PartitionOf(string instanceId) => Partitions.Of(instanceId, options.StorageProvider.PartitionCount);

    DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Schedules a new instance and returns its id.</summary>
    /// <exception cref="OrchestrationStateException">An instance with that id is still running.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? startOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        string instanceId = startOptions?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        int partition = PartitionOf(instanceId);
        DateTime now = Now;
        string executionId = Guid.NewGuid().ToString("N");
        string? json = DataConverter.Serialize(input);
        var pending = new InstanceHead(instanceId, orchestratorName, executionId)
        {
            Status = OrchestrationRuntimeStatus.Pending,
            Input = json,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        var message = new OutgoingMessage(OutgoingMessages.ClientMessageId(now), now,
            new TaskMessage(instanceId, executionId, new ExecutionStarted(orchestratorName, executionId, json)));
        if (await store.StartAsync(partition, pending, message, cancellationToken).ConfigureAwait(false) is { } current)
        {
            throw new OrchestrationStateException(instanceId, current.Status,
                $"An orchestration with instance id '{instanceId}' already exists and is {current.Status}; wait for it to finish, or terminate it, before starting it again.");
        }

        wake(partition);
        return instanceId;
    }

    /// <summary>Raises an event; kept until the instance waits for it, even if it has not started yet.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationStateException">The instance has finished.</exception>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendToRunningAsync(instanceId, new EventRaised(eventName, DataConverter.Serialize(eventPayload)), cancellationToken);
    }

    /// <summary>Terminates a running instance; its output becomes the reason.</summary>
    public Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default) =>
        SendToRunningAsync(instanceId, new ExecutionTerminated(reason?.ToString()), cancellationToken);

    /// <summary>Suspends a running instance: events wait until it is resumed.</summary>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToRunningAsync(instanceId, new ExecutionSuspended(reason), cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToRunningAsync(instanceId, new ExecutionResumed(reason), cancellationToken);

    async Task SendToRunningAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        InstanceIds.Validate(instanceId);
        OrchestrationMetadata instance = await GetInstanceAsync(instanceId, false, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        if (instance.IsCompleted)
        {
            throw new OrchestrationStateException(instanceId, instance.RuntimeStatus,
                $"The orchestration '{instanceId}' has finished ({instance.RuntimeStatus}); it takes no more events.");
        }

        DateTime now = Now;
        int partition = PartitionOf(instanceId);
        await store.SendAsync(partition, [new OutgoingMessage(OutgoingMessages.ClientMessageId(now), now, new TaskMessage(instanceId, null, e))], cancellationToken).ConfigureAwait(false);
        wake(partition);
    }

    /// <summary>The instance as it is now (from its head, the authoritative record), or null when unknown.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        InstanceHead? head = await store.ReadHeadAsync(PartitionOf(instanceId), instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
        return head?.ToMetadata(getInputsAndOutputs);
    }

    /// <summary>Waits until the instance finishes (Completed, Failed or Terminated).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, m => m.IsCompleted, getInputsAndOutputs, cancellationToken);

    /// <summary>Waits until the instance has started running (or already finished).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, getInputsAndOutputs, cancellationToken);

    async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> done, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            Task changed = notifier.NextChange(instanceId);
            OrchestrationMetadata? instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
            if (instance is not null && done(instance))
            {
                return instance;
            }

            // Woken at once when this process's worker changes the instance; otherwise poll, backing off to 1 s.
            await Task.WhenAny(changed, Task.Delay(pause, time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    /// <summary>One page of instances matching the query (from the query projection).</summary>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var (heads, next) = await store.QueryProjectionAsync(query, cancellationToken).ConfigureAwait(false);
        if (!query.FetchInputsAndOutputs)
        {
            return new(heads.Select(h => h.ToMetadata(false)).ToList(), next);
        }

        OrchestrationMetadata?[] full = await Task.WhenAll(heads.Select(h => GetInstanceAsync(h.InstanceId, true, cancellationToken))).ConfigureAwait(false);
        return new(full.Select((m, i) => m ?? heads[i].ToMetadata(false)).ToList(), next);
    }

    /// <summary>Every instance matching the query, page after page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new OrchestrationQuery();
        do
        {
            OrchestrationQueryPage page = await QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (OrchestrationMetadata instance in page.Instances)
            {
                yield return instance;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    /// <summary>The current execution's history, step by step.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        int partition = PartitionOf(instanceId);
        InstanceHead head = await store.ReadHeadAsync(partition, instanceId, false, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        IReadOnlyList<Episode> episodes = await store.ReadHistoryAsync(partition, instanceId, head.ExecutionId, cancellationToken).ConfigureAwait(false);
        return episodes.SelectMany(e => e.Events).ToList();
    }

    /// <summary>Deletes a finished instance and its history.</summary>
    /// <exception cref="OrchestrationStateException">The instance is still running.</exception>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        int partition = PartitionOf(instanceId);
        InstanceHead? head = await store.ReadHeadAsync(partition, instanceId, false, cancellationToken).ConfigureAwait(false);
        if (head is { } h && !h.Status.IsTerminal())
        {
            throw new OrchestrationStateException(instanceId, h.Status, $"The orchestration '{instanceId}' is {h.Status}; only finished instances can be purged.");
        }

        return new PurgeResult(await store.PurgeAsync(partition, instanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0, true);
    }

    /// <summary>
    /// Purges finished instances matching the filter, at most <paramref name="maxInstances"/> or until
    /// <paramref name="timeLimit"/> passes; call again while <see cref="PurgeResult.IsComplete"/> is false.
    /// Each instance is purged on its own, so a call cut short loses nothing and the next one continues.
    /// </summary>
    public async Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, int maxInstances = 1000, TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IReadOnlyCollection<OrchestrationRuntimeStatus> statuses = filter.Statuses is { Count: > 0 } s
            ? s.Where(x => x.IsTerminal()).ToList()
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
        DateTime deadline = timeLimit is { } limit ? Now + limit : DateTime.MaxValue;
        var query = new OrchestrationQuery { Statuses = statuses, CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, PageSize = 100 };
        int purged = 0;
        while (purged < maxInstances && Now < deadline)
        {
            OrchestrationQueryPage page = await QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            List<OrchestrationMetadata> batch = page.Instances.Take(maxInstances - purged).ToList();
            bool[] done = await Task.WhenAll(batch.Select(i => store.PurgeAsync(PartitionOf(i.InstanceId), i.InstanceId, cancellationToken))).ConfigureAwait(false);
            purged += done.Count(d => d);
            if (page.ContinuationToken is null && batch.Count == page.Instances.Count)
            {
                return new PurgeResult(purged, true);
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }

        return new PurgeResult(purged, false);
    }

    /// <summary>Messages moved to the dead-letter store, oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetterInfo>> GetDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<DeadLetterInfo>();
        for (int partition = 0; partition < options.StorageProvider.PartitionCount; partition++)
        {
            all.AddRange((await store.ReadDeadLettersAsync(partition, cancellationToken).ConfigureAwait(false))
                .Select(d => new DeadLetterInfo($"{d.Partition}:{d.Id}", d.InstanceId, d.Reason, d.Raw, d.At)));
        }

        return all.OrderBy(d => d.At).ToList();
    }

    /// <summary>Puts a dead-lettered message back into its instance's inbox and removes it from the store.</summary>
    public async Task ReplayDeadLetterAsync(string deadLetterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deadLetterId);
        string[] parts = deadLetterId.Split(':', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int partition))
        {
            throw new ArgumentException($"'{deadLetterId}' is not a dead-letter id.", nameof(deadLetterId));
        }

        DeadLetter letter = (await store.ReadDeadLettersAsync(partition, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Id == parts[1])
            ?? throw new ArgumentException($"No dead letter '{deadLetterId}'.", nameof(deadLetterId));
        TaskMessage message = HistoryJson.DeserializeMessage(letter.Raw);
        DateTime now = Now;
        await store.SendAsync(partition, [new OutgoingMessage(OutgoingMessages.ClientMessageId(now), now, message)], cancellationToken).ConfigureAwait(false);
        await store.DeleteDeadLetterAsync(partition, letter.Id, cancellationToken).ConfigureAwait(false);
        wake(partition);
    }
}

/// <summary>What a purge removed.</summary>
/// <param name="PurgedInstanceCount">Instances deleted.</param>
/// <param name="IsComplete">False when the call stopped at its limit and more may match.</param>
public sealed record PurgeResult(int PurgedInstanceCount, bool IsComplete);

/// <summary>Which finished instances a purge removes.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created before.</param>
/// <param name="Statuses">Only these (finished) statuses; all finished ones when null.</param>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>A dead-lettered message as ops see it.</summary>
/// <param name="Id">Pass it to <see cref="DurableTaskClient.ReplayDeadLetterAsync"/>.</param>
/// <param name="InstanceId">The instance it was for, when known.</param>
/// <param name="Reason">Why it kept failing.</param>
/// <param name="Message">The stored message.</param>
/// <param name="At">When it was moved.</param>
public sealed record DeadLetterInfo(string Id, string? InstanceId, string Reason, string Message, DateTime At);
