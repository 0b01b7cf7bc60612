using System.Collections.Concurrent;
using Azure;
using Hntt.Durable.Execution;
using Hntt.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Worker;

/// <summary>
/// Runs the instances of one partition while this worker owns it. A round reads the due inbox messages and
/// the activity results that finished in this process, runs one step per instance, and commits all steps in
/// fenced transactions: each step's history, head, consumed messages and same-partition messages together.
/// Only after the commit does it start activities, send messages to other partitions and update the query
/// projection. A crash anywhere loses nothing: what was not committed is still in the inbox (or is re-run
/// activity work), and what was committed is recovered from the heads on the next owner.
/// </summary>
internal sealed class PartitionProcessor
{
    const int MaxMessagesPerStep = 48; // consumed messages ride in the step's transaction (100 entities at most)
    const int MaxInlineEntities = 90;
    static readonly TimeSpan BusyPollInterval = TimeSpan.FromMilliseconds(20);

    readonly int partition;
    readonly ITaskHubStore store;
    readonly WorkerContext worker;
    readonly ILogger logger;
    readonly Dictionary<string, InstanceSession> sessions = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<(string InstanceId, string ExecutionId, HistoryEvent Result)> results = new();
    readonly ConcurrentDictionary<string, byte> activitiesInFlight = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> attempts = new(StringComparer.Ordinal);
    readonly HashSet<string> needsStep = new(StringComparer.Ordinal);
    readonly HashSet<string> headsToWrite = new(StringComparer.Ordinal);
    readonly SemaphoreSlim fenceLock = new(1, 1);
    string fenceETag;
    IReadOnlyDictionary<string, InstanceHead> prefetched = new Dictionary<string, InstanceHead>();
    HashSet<string> prefetchedIds = [];
    DateTime lastFenceWrite;
    DateTime lastPoll = DateTime.MinValue;
    long useClock;
    int pollRequested;

    public PartitionProcessor(int partition, string fenceETag, ITaskHubStore store, WorkerContext worker)
    {
        this.partition = partition;
        this.fenceETag = fenceETag;
        this.store = store;
        this.worker = worker;
        logger = worker.LoggerFactory.CreateLogger<PartitionProcessor>();
        lastFenceWrite = Now;
    }

    public int Partition => partition;

    public WakeSignal Signal { get; } = new();

    /// <summary>Makes the next round read the inbox at once: something was sent to this partition.</summary>
    public void RequestPoll()
    {
        Interlocked.Exchange(ref pollRequested, 1);
        Signal.Set();
    }

    /// <summary>The earliest future inbox message seen in the last poll (a timer): the loop wakes for it.</summary>
    public DateTime? NextVisibleAt { get; private set; }

    /// <summary>True when the last round left nothing to do that a new poll would not bring.</summary>
    public bool IsIdle => results.IsEmpty && needsStep.Count == 0 && headsToWrite.Count == 0;

    DateTime Now => worker.Time.GetUtcNow().UtcDateTime;

    /// <summary>Resumes what the previous owner left: activities in flight, unsent messages, a stale projection.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (InstanceHead head in await store.ReadHeadsNeedingRecoveryAsync(partition, cancellationToken).ConfigureAwait(false))
        {
            await GetSessionAsync(head.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        await ReconcileProjectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the fence if no commit did lately, proving this worker still owns the partition.</summary>
    /// <exception cref="PartitionLostException">Another worker took it.</exception>
    public async Task RenewAsync(TimeSpan ifOlderThan, CancellationToken cancellationToken)
    {
        await fenceLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Now - lastFenceWrite < ifOlderThan)
            {
                return;
            }

            fenceETag = await store.TryWriteFenceAsync(partition, worker.WorkerId, fenceETag, cancellationToken).ConfigureAwait(false)
                ?? throw new PartitionLostException(partition);
            lastFenceWrite = Now;
        }
        finally
        {
            fenceLock.Release();
        }
    }

    /// <summary>Gives the partition up so another worker can take it at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await fenceLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.TryWriteFenceAsync(partition, string.Empty, fenceETag, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            fenceLock.Release();
        }
    }

    /// <summary>Runs one round; false when there was nothing to do.</summary>
    public async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        DateTime now = Now;
        var local = new List<(string InstanceId, string ExecutionId, HistoryEvent Result)>();
        while (results.TryDequeue(out var result))
        {
            local.Add(result);
        }

        // Activity results arrive in memory: while activities run here, poll storage only now and then, or when
        // a client in this process says it sent something.
        bool awaitingLocalWork = local.Count > 0 || !activitiesInFlight.IsEmpty;
        IReadOnlyList<StoredMessage> stored = [];
        if (Interlocked.Exchange(ref pollRequested, 0) == 1 || !awaitingLocalWork || now - lastPoll >= BusyPollInterval)
        {
            DateTime horizon = now + worker.Options.StorageProvider.MaxQueuePollingInterval;
            stored = await store.ReadMessagesAsync(partition, horizon, worker.Options.StorageProvider.ControlQueueBatchSize, cancellationToken).ConfigureAwait(false);
            lastPoll = now;
            DurableTelemetry.Inbox(worker.Options.HubName, partition, stored.Count);
            NextVisibleAt = stored.Where(m => m.VisibleAt > now).Select(m => (DateTime?)m.VisibleAt).Min();
        }

        var groups = new Dictionary<string, (List<StoredMessage> Stored, List<(string ExecutionId, HistoryEvent Result)> Local)>(StringComparer.Ordinal);
        (List<StoredMessage>, List<(string, HistoryEvent)>) Group(string id) =>
            groups.TryGetValue(id, out var g) ? g : groups[id] = ([], []);
        foreach (StoredMessage message in stored.Where(m => m.VisibleAt <= now))
        {
            Group(message.InstanceId ?? string.Empty).Item1.Add(message);
        }

        foreach (var (instanceId, executionId, result) in local)
        {
            Group(instanceId).Item2.Add((executionId, result));
        }

        foreach (string instanceId in needsStep)
        {
            Group(instanceId);
        }

        needsStep.Clear();
        if (groups.Count == 0 && headsToWrite.Count == 0)
        {
            return false;
        }

        await PrefetchHeadsAsync(groups.Keys, cancellationToken).ConfigureAwait(false);
        var steps = new List<StepWrite>();
        var effects = new List<StepEffects>();
        foreach (var (instanceId, (messages, results)) in groups)
        {
            using System.Diagnostics.Activity? span = DurableTelemetry.StartStep(instanceId, partition);
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                (StepWrite step, StepEffects effect) = await StepAsync(instanceId, messages, results, now, cancellationToken).ConfigureAwait(false);
                steps.Add(step);
                effects.Add(effect);
                DurableTelemetry.StepDone(span, step.Head?.Name ?? sessions.GetValueOrDefault(instanceId)?.Head.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started), failed: false);
            }
            catch (Exception ex) when (!IsTransient(ex))
            {
                Evict(instanceId, results);
                steps.Add(await PoisonStepAsync(instanceId, messages, ex.Message, now, cancellationToken).ConfigureAwait(false));
                DurableTelemetry.StepDone(span, null, System.Diagnostics.Stopwatch.GetElapsedTime(started), failed: true);
            }
        }

        prefetchedIds.Clear(); // only good for this round
        foreach (string instanceId in headsToWrite.Where(id => !groups.ContainsKey(id) && sessions.ContainsKey(id)))
        {
            steps.Add(new StepWrite(instanceId) { Head = sessions[instanceId].Head });
        }

        headsToWrite.Clear();
        steps.RemoveAll(s => s.EntityCount == 0);
        if (steps.Count > 0)
        {
            try
            {
                await CommitAsync(steps, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not PartitionLostException and not OperationCanceledException)
            {
                // Some of these steps may have committed: forget them all and reload from storage, which is right either way.
                logger.RoundFailed(partition, ex);
                foreach (var (instanceId, (_, results)) in groups)
                {
                    Evict(instanceId, results);
                }

                return true;
            }
        }

        await ApplyEffectsAsync(effects, cancellationToken).ConfigureAwait(false);
        return true;
    }

    async Task<(StepWrite, StepEffects)> StepAsync(string instanceId, List<StoredMessage> messages,
        List<(string ExecutionId, HistoryEvent Result)> localResults, DateTime now, CancellationToken cancellationToken)
    {
        InstanceSession? session = await GetSessionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        InstanceHead? previous = session?.Head;
        var consumed = new List<StoredMessage>();
        var deadLetters = new List<DeadLetter>();
        var incoming = new List<HistoryEvent>();
        var answered = new List<string>();

        // A start goes first: events raised right after scheduling may carry an earlier clock.
        foreach (StoredMessage message in messages.OrderBy(m => m.Message?.Event is ExecutionStarted ? 0 : 1).Take(MaxMessagesPerStep))
        {
            if (message.Message is not { } msg)
            {
                if (CountFailure(message, message.Error ?? "unreadable"))
                {
                    consumed.Add(message);
                    deadLetters.Add(ToDeadLetter(message, message.Error ?? "unreadable", now));
                }

                continue;
            }

            if (msg.Event is ExecutionStarted start)
            {
                bool notStarted = session?.Head.Status == OrchestrationRuntimeStatus.Pending && session.Executor is null;
                if (!notStarted && session?.Head.ExecutionId == start.ExecutionId)
                {
                    consumed.Add(message); // a duplicate start
                }
                else if (!notStarted && session is { } running && !IsFinished(running.Head.Status))
                {
                    logger.StartIgnored(instanceId, start.ExecutionId, running.Head.Status);
                    consumed.Add(message);
                }
                else
                {
                    session = StartExecution(instanceId, session, start, message.VisibleAt);
                    incoming.Clear(); // whatever came before belonged to the previous execution
                    incoming.Add(start);
                    consumed.Add(message);
                }

                continue;
            }

            if (session?.Executor is null && session?.Head.Status is null or OrchestrationRuntimeStatus.Pending && msg.ExecutionId is null)
            {
                // An event for an instance whose start has not arrived: keep it, but not forever.
                if (CountFailure(message, $"no instance '{instanceId}' has started"))
                {
                    consumed.Add(message);
                    deadLetters.Add(ToDeadLetter(message, $"No instance '{instanceId}' started within {worker.Options.MaxDeliveryAttempts} attempts.", now));
                }

                continue;
            }

            consumed.Add(message);
            if (session?.Executor is { } live && (msg.ExecutionId is null || msg.ExecutionId == live.ExecutionId))
            {
                incoming.Add(msg.Event);
            }
        }

        foreach (var (executionId, result) in localResults)
        {
            answered.Add(ActivityKey(instanceId, executionId, OrchestrationExecutor.ResultTaskIdOf(result)));
            if (session?.Executor?.ExecutionId == executionId)
            {
                incoming.Add(result);
            }
        }

        var step = new StepWrite(instanceId) { Consumed = consumed, DeadLetters = deadLetters };
        if (session is null)
        {
            return (step, new StepEffects(instanceId, null, answered));
        }

        session.LastUsed = ++useClock;
        OrchestrationExecutor? executor = session.Executor;
        IReadOnlyList<HistoryEvent> events = executor?.Execute(now, incoming) ?? [];
        InstanceHead head = session.Head with { DeadLetterCount = session.Head.DeadLetterCount + deadLetters.Count };
        Episode? episode = null;
        List<OutgoingMessage> inline = [];
        List<OutgoingMessage> outbox = [];
        if (executor is not null && events.Count > 0)
        {
            episode = new Episode(instanceId, executor.ExecutionId, head.Episodes, events);
            List<OutgoingMessage> outgoing = OutgoingMessages.Derive(executor, events);
            bool allLocal = outgoing.All(m => Partitions.Of(m.Message.InstanceId, worker.Options.StorageProvider.PartitionCount) == partition);
            if (allLocal && 2 + consumed.Count + deadLetters.Count + outgoing.Count <= MaxInlineEntities)
            {
                inline = outgoing;
            }
            else
            {
                outbox = outgoing;
            }

            head = head with
            {
                Status = executor.Status,
                Output = executor.Output,
                Failure = executor.Failure,
                CustomStatus = executor.CustomStatus,
                LastUpdatedAt = now,
                Episodes = head.Episodes + 1,
                OpenActivities = executor.ActivitiesAwaitingResult.Count(),
                OutboxFrom = outbox.Count > 0 && head.OutboxFrom < 0 ? episode.Sequence : head.OutboxFrom,
            };
        }

        bool changed = !ReferenceEquals(previous, session.Head) || head != session.Head;
        if (!changed)
        {
            return (step, new StepEffects(instanceId, null, answered));
        }

        session.Head = head;
        if (executor is not null && IsFinished(head.Status))
        {
            session.Executor = null;
            if (head.Status == OrchestrationRuntimeStatus.Failed)
            {
                logger.InstanceFailed(instanceId, head.Failure?.ToString() ?? "unknown");
            }
        }

        bool projectionChanged = previous is null || previous.Status != head.Status || previous.CustomStatus != head.CustomStatus
            || previous.ExecutionId != head.ExecutionId || previous.DeadLetterCount != head.DeadLetterCount;
        return (step with { Head = head, Episode = episode, Inline = inline },
            new StepEffects(instanceId, head, answered)
            {
                Activities = executor is null ? [] : events.OfType<TaskScheduled>().Select(s => (executor.ExecutionId, s)).ToList(),
                Outbox = outbox,
                ProjectionChanged = projectionChanged,
            });
    }

    InstanceSession StartExecution(string instanceId, InstanceSession? session, ExecutionStarted start, DateTime scheduledAt)
    {
        bool keepCreated = session?.Head.Status is OrchestrationRuntimeStatus.ContinuedAsNew or OrchestrationRuntimeStatus.Pending;
        var head = new InstanceHead(instanceId, start.Name, start.ExecutionId)
        {
            Status = OrchestrationRuntimeStatus.Pending,
            Input = start.Input,
            CreatedAt = keepCreated ? session!.Head.CreatedAt : scheduledAt,
            LastUpdatedAt = scheduledAt,
            DeadLetterCount = session?.Head.DeadLetterCount ?? 0,
        };
        var executor = new OrchestrationExecutor(instanceId, start, worker.Registry.CreateOrchestrator(start.Name, worker.Services), worker.LoggerFactory);
        session = new InstanceSession(head, executor);
        sessions[instanceId] = session;
        return session;
    }

    async Task CommitAsync(List<StepWrite> steps, CancellationToken cancellationToken)
    {
        await fenceLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            fenceETag = await store.CommitAsync(partition, fenceETag, worker.WorkerId, steps, cancellationToken).ConfigureAwait(false);
            lastFenceWrite = Now;
            RuntimeCounters.AddSteps(steps.Count(s => s.Episode is not null));
        }
        finally
        {
            fenceLock.Release();
        }
    }

    async Task ApplyEffectsAsync(List<StepEffects> effects, CancellationToken cancellationToken)
    {
        var projection = new List<InstanceHead>();
        foreach (StepEffects effect in effects)
        {
            foreach (string key in effect.Answered)
            {
                activitiesInFlight.TryRemove(key, out _);
            }

            foreach (var (executionId, scheduled) in effect.Activities)
            {
                Dispatch(effect.InstanceId, executionId, scheduled);
            }

            if (effect.Outbox.Count > 0)
            {
                await SendOutboxAsync(effect.InstanceId, effect.Outbox, cancellationToken).ConfigureAwait(false);
            }

            if (effect.Head is { } head && effect.ProjectionChanged)
            {
                // Waiting clients care about status changes, not every step.
                projection.Add(sessions.TryGetValue(effect.InstanceId, out var s) ? s.Head : head);
                RuntimeCounters.AddFinished(head.Status.IsTerminal() ? 1 : 0);
                worker.Notifier.Notify(effect.InstanceId);
            }
        }

        if (projection.Count > 0)
        {
            try
            {
                await store.WriteProjectionAsync(partition, projection, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                logger.ProjectionFailed(partition, ex); // the heads are right; reconciliation repairs the projection
            }
        }

        TrimCache();
    }

    void Dispatch(string instanceId, string executionId, TaskScheduled scheduled)
    {
        if (!activitiesInFlight.TryAdd(ActivityKey(instanceId, executionId, scheduled.TaskId), 0))
        {
            return;
        }

        worker.Activities.Dispatch(instanceId, scheduled, result =>
        {
            results.Enqueue((instanceId, executionId, result));
            Signal.Set();
        });
    }

    async Task SendOutboxAsync(string instanceId, IReadOnlyList<OutgoingMessage> outbox, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var byPartition in outbox.GroupBy(m => Partitions.Of(m.Message.InstanceId, worker.Options.StorageProvider.PartitionCount)))
            {
                await store.SendAsync(byPartition.Key, byPartition.ToList(), cancellationToken).ConfigureAwait(false);
                worker.Wake(byPartition.Key);
            }

            if (sessions.TryGetValue(instanceId, out InstanceSession? session))
            {
                session.Head = session.Head with { OutboxFrom = -1 };
                headsToWrite.Add(instanceId);
            }
        }
        catch (RequestFailedException ex)
        {
            // The head still marks the messages unsent: reload the instance, which sends them again.
            logger.RoundFailed(partition, ex);
            sessions.Remove(instanceId);
            needsStep.Add(instanceId);
        }
    }

    /// <summary>Reads the heads of the instances not in memory in one request per 40, not one each.</summary>
    async Task PrefetchHeadsAsync(IEnumerable<string> instanceIds, CancellationToken cancellationToken)
    {
        List<string> missing = instanceIds.Where(id => id.Length > 0 && !sessions.ContainsKey(id)).ToList();
        prefetchedIds = missing.Count > 1 ? [.. missing] : [];
        prefetched = missing.Count > 1 ? await store.ReadHeadsAsync(partition, missing, cancellationToken).ConfigureAwait(false) : new Dictionary<string, InstanceHead>();
    }

    /// <summary>The instance's session: from memory, or rebuilt from storage (resuming work a crash left behind).</summary>
    async Task<InstanceSession?> GetSessionAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (sessions.TryGetValue(instanceId, out InstanceSession? cached))
        {
            return cached;
        }

        InstanceHead? head = prefetchedIds.Contains(instanceId)
            ? prefetched.GetValueOrDefault(instanceId)
            : await store.ReadHeadAsync(partition, instanceId, withPayloads: true, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var session = new InstanceSession(head, null);
        bool hasHistory = head.Status != OrchestrationRuntimeStatus.Pending; // a client's Pending head has none yet
        if (hasHistory && (!IsFinished(head.Status) || head.OutboxFrom >= 0))
        {
            IReadOnlyList<Episode> episodes = await store.ReadHistoryAsync(partition, instanceId, head.ExecutionId, cancellationToken).ConfigureAwait(false);
            ExecutionStarted? started = episodes.SelectMany(e => e.Events).OfType<ExecutionStarted>().FirstOrDefault();
            if (started is not null)
            {
                var executor = new OrchestrationExecutor(instanceId, started, worker.Registry.CreateOrchestrator(started.Name, worker.Services), worker.LoggerFactory);
                executor.Replay(episodes.SelectMany(e => e.Events));
                session.Executor = executor;
                foreach (TaskScheduled scheduled in executor.ActivitiesAwaitingResult)
                {
                    Dispatch(instanceId, executor.ExecutionId, scheduled);
                }

                if (head.OutboxFrom >= 0)
                {
                    List<OutgoingMessage> unsent = episodes.Where(e => e.Sequence >= head.OutboxFrom)
                        .SelectMany(e => OutgoingMessages.Derive(executor, e.Events)).ToList();
                    sessions[instanceId] = session;
                    await SendOutboxAsync(instanceId, unsent, cancellationToken).ConfigureAwait(false);
                }

                if (executor.Status == OrchestrationRuntimeStatus.Failed && !IsFinished(head.Status))
                {
                    needsStep.Add(instanceId); // replay failed (non-determinism): record it
                }

                if (IsFinished(head.Status))
                {
                    session.Executor = null;
                }
            }
        }

        session.LastUsed = ++useClock;
        sessions[instanceId] = session;
        return session;
    }

    async Task<StepWrite> PoisonStepAsync(string instanceId, List<StoredMessage> messages, string reason, DateTime now, CancellationToken cancellationToken)
    {
        List<StoredMessage> dead = messages.Where(m => CountFailure(m, reason)).ToList();
        if (dead.Count == 0)
        {
            return new StepWrite(instanceId);
        }

        InstanceHead? head = null;
        try
        {
            head = await store.ReadHeadAsync(partition, instanceId, withPayloads: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }

        foreach (StoredMessage message in dead)
        {
            logger.MessageDeadLettered(instanceId, message.Id, worker.Options.MaxDeliveryAttempts, reason);
        }

        return new StepWrite(instanceId)
        {
            Head = head is null ? null : head with { DeadLetterCount = head.DeadLetterCount + dead.Count },
            Consumed = dead,
            DeadLetters = dead.Select(m => ToDeadLetter(m, reason, now)).ToList(),
        };
    }

    /// <summary>Counts a failed attempt; true when the message has failed too often and must be dead-lettered.</summary>
    bool CountFailure(StoredMessage message, string reason)
    {
        int attempt = attempts[message.Id] = attempts.GetValueOrDefault(message.Id) + 1;
        logger.MessageFailed(message.InstanceId ?? "?", message.Id, attempt, reason);
        if (attempt < worker.Options.MaxDeliveryAttempts)
        {
            return false;
        }

        attempts.Remove(message.Id);
        return true;
    }

    DeadLetter ToDeadLetter(StoredMessage message, string reason, DateTime now) =>
        new($"d|{now.Ticks:D19}|{Guid.NewGuid():N}", partition, message.InstanceId, reason, message.Raw, now);

    /// <summary>Repairs projection rows that say "running" for instances whose head says otherwise (ADF#2364).</summary>
    public async Task<int> ReconcileProjectionAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InstanceHead> unfinished = await store.ReadUnfinishedProjectionsAsync(partition, cancellationToken).ConfigureAwait(false);
        if (unfinished.Count == 0)
        {
            return 0;
        }

        var heads = await store.ReadHeadStatusesAsync(partition, cancellationToken).ConfigureAwait(false);
        var repaired = new List<InstanceHead>();
        foreach (InstanceHead row in unfinished)
        {
            if (heads.TryGetValue(row.InstanceId, out var head) && (head.Status != row.Status || head.LastUpdatedAt != row.LastUpdatedAt)
                && await store.ReadHeadAsync(partition, row.InstanceId, withPayloads: false, cancellationToken).ConfigureAwait(false) is { } full)
            {
                repaired.Add(full);
            }
        }

        if (repaired.Count > 0)
        {
            await store.WriteProjectionAsync(partition, repaired, cancellationToken).ConfigureAwait(false);
            logger.Reconciled(partition, repaired.Count);
        }

        return repaired.Count;
    }

    void Evict(string instanceId, List<(string ExecutionId, HistoryEvent Result)> localResults)
    {
        sessions.Remove(instanceId);
        foreach (var (executionId, result) in localResults)
        {
            results.Enqueue((instanceId, executionId, result));
        }
    }

    void TrimCache()
    {
        int excess = sessions.Count - worker.Options.MaxCachedInstances;
        if (excess <= 0)
        {
            return;
        }

        foreach (string instanceId in sessions.OrderBy(s => s.Value.Executor is null ? 0 : 1).ThenBy(s => s.Value.LastUsed)
            .Take(excess + worker.Options.MaxCachedInstances / 10).Select(s => s.Key).ToList())
        {
            sessions.Remove(instanceId);
        }
    }

    static bool IsFinished(OrchestrationRuntimeStatus status) =>
        status.IsTerminal() || status == OrchestrationRuntimeStatus.ContinuedAsNew;

    static bool IsTransient(Exception ex) =>
        ex is RequestFailedException or IOException or HttpRequestException or OperationCanceledException or PartitionLostException;

    static string ActivityKey(string instanceId, string executionId, int taskId) => $"{instanceId}|{executionId}|{taskId}";

    /// <summary>What to do once a step is committed.</summary>
    sealed record StepEffects(string InstanceId, InstanceHead? Head, IReadOnlyList<string> Answered)
    {
        public IReadOnlyList<(string ExecutionId, TaskScheduled Scheduled)> Activities { get; init; } = [];
        public List<OutgoingMessage> Outbox { get; init; } = [];
        public bool ProjectionChanged { get; init; }
    }
}
