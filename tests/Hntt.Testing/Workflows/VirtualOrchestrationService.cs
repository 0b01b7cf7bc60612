using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Extensions.Time.Testing;
using CorePurgeResult = DurableTask.Core.PurgeResult;

namespace Hntt.Testing.Workflows;

/// <summary>
/// A Durable Task Framework orchestration service held in memory, whose timers fire on a virtual clock. The
/// framework's own dispatchers run against it, so orchestrations behave as on the Azure Storage provider (replay,
/// events, retries, suspend, terminate), but a timer of a month fires as soon as the clock is moved to it.
/// </summary>
internal sealed class VirtualOrchestrationService(FakeTimeProvider clock)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    readonly Lock gate = new();
    readonly Dictionary<string, Instance> instances = new(StringComparer.Ordinal);
    readonly List<TaskMessage> timers = [];
    readonly Queue<TaskMessage> activities = new();
    int activitiesRunning;
    TaskCompletionSource changed = NewSignal();

    sealed class Instance
    {
        public OrchestrationRuntimeState Runtime { get; set; } = new();

        public required OrchestrationState Status { get; set; }

        public List<TaskMessage> Inbox { get; set; } = [];

        public bool Locked { get; set; }
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when nothing can run until the clock moves: no message waiting, no step or activity under way.</summary>
    public bool IsIdle
    {
        get
        {
            lock (gate)
            {
                return activities.Count == 0 && activitiesRunning == 0 && instances.Values.All(i => !i.Locked && i.Inbox.Count == 0);
            }
        }
    }

    /// <summary>What is under way, for a test that waited too long for the host to go idle.</summary>
    public string Describe()
    {
        lock (gate)
        {
            return $"activities queued {activities.Count}, running {activitiesRunning}; " + string.Join("; ", instances.Select(i =>
                $"{i.Key} {i.Value.Status.OrchestrationStatus}{(i.Value.Locked ? " locked" : "")} inbox [{string.Join(",", i.Value.Inbox.Select(m => m.Event.EventType))}]"));
        }
    }

    /// <summary>When the next timer is due, if any is.</summary>
    public DateTime? NextTimer
    {
        get
        {
            lock (gate)
            {
                return timers.Count == 0 ? null : timers.Min(t => ((TimerFiredEvent)t.Event).FireAt);
            }
        }
    }

    /// <summary>Completes on the next change of state.</summary>
    public Task Changed
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    /// <summary>Hands the timers due at the clock's time to their instances.</summary>
    public void FireDueTimers()
    {
        lock (gate)
        {
            foreach (TaskMessage due in timers.Where(t => ((TimerFiredEvent)t.Event).FireAt <= Now).ToList())
            {
                timers.Remove(due);
                Deliver(due);
            }

            Pulse();
        }
    }

    void Pulse()
    {
        TaskCompletionSource old = changed;
        changed = NewSignal();
        old.TrySetResult();
    }

    // Under the gate: a message for a missing instance is dropped, as the provider discards it.
    void Deliver(TaskMessage message)
    {
        if (instances.TryGetValue(message.OrchestrationInstance.InstanceId, out Instance? instance))
        {
            instance.Inbox.Add(message);
        }
        else if (message.Event is ExecutionStartedEvent started)
        {
            Create(message, started);
        }
    }

    void Create(TaskMessage message, ExecutionStartedEvent started) =>
        instances[message.OrchestrationInstance.InstanceId] = new Instance
        {
            Status = new OrchestrationState
            {
                OrchestrationInstance = message.OrchestrationInstance,
                Name = started.Name,
                Version = started.Version,
                Input = started.Input,
                Tags = started.Tags,
                OrchestrationStatus = OrchestrationStatus.Pending,
                CreatedTime = Now,
                LastUpdatedTime = Now,
            },
            Inbox = [message],
        };

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => 16;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskActivityDispatcherCount => 1;

    public int MaxConcurrentTaskActivityWorkItems => 16;

    public Task StartAsync() => Task.CompletedTask;

    public Task StopAsync() => Task.CompletedTask;

    public Task StopAsync(bool isForced) => Task.CompletedTask;

    public Task CreateAsync() => Task.CompletedTask;

    public Task CreateAsync(bool recreateInstanceStore) => Task.CompletedTask;

    public Task CreateIfNotExistsAsync() => Task.CompletedTask;

    public Task DeleteAsync() => Task.CompletedTask;

    public Task DeleteAsync(bool deleteInstanceStore) => Task.CompletedTask;

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 0;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 0;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                foreach (var (id, instance) in instances.Where(i => !i.Value.Locked && i.Value.Inbox.Count > 0))
                {
                    List<TaskMessage> messages = instance.Inbox;
                    instance.Inbox = [];
                    bool restart = messages.Any(m => m.Event is ExecutionStartedEvent);
                    if (!restart && IsFinished(instance.Status.OrchestrationStatus))
                    {
                        Pulse(); // the provider discards messages for finished instances
                        continue;
                    }

                    instance.Locked = true;
                    Pulse();
                    return new TaskOrchestrationWorkItem
                    {
                        InstanceId = id,
                        OrchestrationRuntimeState = restart ? new OrchestrationRuntimeState() : new OrchestrationRuntimeState(instance.Runtime.Events),
                        NewMessages = messages,
                        LockedUntilUtc = DateTime.MaxValue,
                    };
                }

                next = changed.Task;
            }

            if (!await ChangedWithinAsync(next, timeout.Token).ConfigureAwait(false))
            {
                return null!; // the dispatcher's receive timeout: it asks again
            }
        }
    }

    static async Task<bool> ChangedWithinAsync(Task next, CancellationToken timeout)
    {
        try
        {
            await next.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    static bool IsFinished(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        lock (gate)
        {
            Instance instance = instances[workItem.InstanceId];
            instance.Runtime = new OrchestrationRuntimeState(newOrchestrationRuntimeState.Events);
            if (orchestrationState is not null)
            {
                orchestrationState.CreatedTime = instance.Status.CreatedTime;
                orchestrationState.LastUpdatedTime = Now;
                instance.Status = orchestrationState;
            }

            foreach (TaskMessage activity in outboundMessages)
            {
                activities.Enqueue(activity);
            }

            foreach (TaskMessage message in orchestratorMessages)
            {
                Deliver(message);
            }

            timers.AddRange(timerMessages);
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        lock (gate)
        {
            Instance instance = instances[workItem.InstanceId];
            instance.Inbox.InsertRange(0, workItem.NewMessages);
            instance.Locked = false;
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        lock (gate)
        {
            instances[workItem.InstanceId].Locked = false;
            Pulse();
        }

        return Task.CompletedTask;
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (activities.TryDequeue(out TaskMessage? message))
                {
                    activitiesRunning++;
                    return new TaskActivityWorkItem { Id = Guid.NewGuid().ToString("N"), TaskMessage = message, LockedUntilUtc = DateTime.MaxValue };
                }

                next = changed.Task;
            }

            if (!await ChangedWithinAsync(next, timeout.Token).ConfigureAwait(false))
            {
                return null!; // the dispatcher's receive timeout: it asks again
            }
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Task.FromResult(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        lock (gate)
        {
            activitiesRunning--;
            Deliver(responseMessage);
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        lock (gate)
        {
            activitiesRunning--;
            activities.Enqueue(workItem.TaskMessage);
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) =>
        CreateTaskOrchestrationAsync(creationMessage, [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended]);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        lock (gate)
        {
            string id = creationMessage.OrchestrationInstance.InstanceId;
            if (instances.TryGetValue(id, out Instance? existing) && dedupeStatuses.Contains(existing.Status.OrchestrationStatus))
            {
                throw new OrchestrationAlreadyExistsException($"An orchestration with id '{id}' already exists and is {existing.Status.OrchestrationStatus}.");
            }

            Create(creationMessage, (ExecutionStartedEvent)creationMessage.Event);
            Pulse();
        }

        return Task.CompletedTask;
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        lock (gate)
        {
            foreach (TaskMessage message in messages)
            {
                Deliver(message);
            }

            Pulse();
        }

        return Task.CompletedTask;
    }

    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task next = Changed;
            if ((await GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false)) is { } state && IsFinished(state.OrchestrationStatus))
            {
                return state;
            }

            await next.WaitAsync(limit.Token).ConfigureAwait(false);
        }
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => SendTaskOrchestrationMessageAsync(new TaskMessage
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
        Event = new ExecutionTerminatedEvent(-1, reason),
    });

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        lock (gate)
        {
            return Task.FromResult<IList<OrchestrationState>>(instances.TryGetValue(instanceId, out Instance? instance) ? [instance.Status] : []);
        }
    }

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        lock (gate)
        {
            return Task.FromResult(instances.TryGetValue(instanceId, out Instance? instance)
                && (executionId is null || instance.Status.OrchestrationInstance.ExecutionId == executionId) ? instance.Status : null!);
        }
    }

    // As the Azure Storage provider hands it out: Newtonsoft's default JSON of the events.
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        lock (gate)
        {
            return Task.FromResult(Newtonsoft.Json.JsonConvert.SerializeObject(instances.TryGetValue(instanceId, out Instance? instance) ? instance.Runtime.Events : []));
        }
    }

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        throw new NotSupportedException("Purge by instance or by filter.");

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (gate)
        {
            List<OrchestrationState> matching = [.. instances.Values.Select(i => i.Status)
                .Where(s => query.RuntimeStatus is not { Count: > 0 } statuses || statuses.Contains(s.OrchestrationStatus))
                .Where(s => query.CreatedTimeFrom is not { } from || s.CreatedTime >= from)
                .Where(s => query.CreatedTimeTo is not { } to || s.CreatedTime <= to)
                .Where(s => query.InstanceIdPrefix is not { } prefix || s.OrchestrationInstance.InstanceId.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(s => s.OrchestrationInstance.InstanceId, StringComparer.Ordinal)];
            int skip = query.ContinuationToken is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
            List<OrchestrationState> page = [.. matching.Skip(skip).Take(query.PageSize)];
            string? next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new OrchestrationQueryResult(page, next));
        }
    }

    public Task<CorePurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        lock (gate)
        {
            bool purged = instances.TryGetValue(instanceId, out Instance? instance) && IsFinished(instance.Status.OrchestrationStatus) && instances.Remove(instanceId);
            return Task.FromResult(new CorePurgeResult(purged ? 1 : 0));
        }
    }

    public async Task<CorePurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        OrchestrationQueryResult all = await GetOrchestrationWithQueryAsync(new OrchestrationQuery
        {
            CreatedTimeFrom = purgeInstanceFilter.CreatedTimeFrom,
            CreatedTimeTo = purgeInstanceFilter.CreatedTimeTo,
            RuntimeStatus = purgeInstanceFilter.RuntimeStatus?.ToList(),
            PageSize = int.MaxValue,
        }, CancellationToken.None).ConfigureAwait(false);
        int purged = 0;
        foreach (OrchestrationState state in all.OrchestrationState)
        {
            purged += (await PurgeInstanceStateAsync(state.OrchestrationInstance.InstanceId).ConfigureAwait(false)).DeletedInstanceCount;
        }

        return new CorePurgeResult(purged);
    }
}
