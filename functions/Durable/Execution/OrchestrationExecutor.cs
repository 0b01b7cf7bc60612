using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Execution;

/// <summary>
/// One execution of one orchestration instance, kept alive between steps. Past events are replayed through
/// <see cref="Replay"/>; each new step goes through <see cref="Execute"/>, which returns the events to append.
/// Replaying and executing share one path (<see cref="Apply"/>), so a step replays exactly as it first ran.
/// </summary>
internal sealed class OrchestrationExecutor
{
    readonly DeterministicTaskScheduler scheduler = new();
    readonly SortedDictionary<int, HistoryEvent> unconfirmed = [];
    readonly Dictionary<int, OpenTask> open = [];
    readonly Dictionary<int, TaskScheduled> activitiesAwaitingResult = [];
    readonly List<EventRaised> buffered = [];
    readonly List<EventWaiter> waiters = [];
    readonly List<HistoryEvent> deferredWhileSuspended = [];
    readonly ITaskOrchestrator? orchestrator;
    readonly OrchestrationContextImpl context;
    List<HistoryEvent>? episode;
    Task<object?>? running;
    int nextTaskId;
    bool failureToRecord;

    public OrchestrationExecutor(string instanceId, ExecutionStarted started, ITaskOrchestrator? orchestrator, ILoggerFactory loggerFactory)
    {
        InstanceId = instanceId;
        Started = started;
        this.orchestrator = orchestrator;
        context = new OrchestrationContextImpl(this, loggerFactory);
    }

    public string InstanceId { get; }

    public ExecutionStarted Started { get; }

    public string ExecutionId => Started.ExecutionId;

    public OrchestrationRuntimeStatus Status { get; private set; } = OrchestrationRuntimeStatus.Pending;

    public string? Output { get; private set; }

    public TaskFailureDetails? Failure { get; private set; }

    public string? CustomStatus { get; internal set; }

    public bool IsReplaying { get; private set; }

    public DateTime CurrentUtcDateTime { get; private set; }

    /// <summary>Events received but not waited for: carried into the next execution by ContinueAsNew.</summary>
    public IReadOnlyList<EventRaised> UnprocessedEvents => buffered;

    /// <summary>Activities scheduled in history whose result is not yet in history: to run after a restart.</summary>
    public IEnumerable<TaskScheduled> ActivitiesAwaitingResult => activitiesAwaitingResult.Values;

    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; set; }

    bool IsFinished => Status.IsTerminal() || Status == OrchestrationRuntimeStatus.ContinuedAsNew;

    /// <summary>Replays recorded history. A mismatch fails the instance; the next step records why.</summary>
    public void Replay(IEnumerable<HistoryEvent> history)
    {
        IsReplaying = true;
        try
        {
            foreach (HistoryEvent e in history)
            {
                Apply(e);
            }

            if (unconfirmed.Count > 0 && !IsFinished)
            {
                throw new NonDeterministicOrchestrationException(
                    $"The orchestrator scheduled {Describe(unconfirmed.First().Value)}, which its history does not have: the code no longer matches running instances.");
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            Status = OrchestrationRuntimeStatus.Failed;
            Failure = TaskFailureDetails.FromException(ex);
            failureToRecord = true;
        }
        finally
        {
            IsReplaying = false;
        }
    }

    /// <summary>Runs one new step at <paramref name="now"/>; returns its events, or none when nothing applied.</summary>
    public IReadOnlyList<HistoryEvent> Execute(DateTime now, IEnumerable<HistoryEvent> incoming)
    {
        episode = [new OrchestratorStarted(now)];
        CurrentUtcDateTime = now;
        if (failureToRecord)
        {
            failureToRecord = false;
            episode.Add(new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, Failure));
            return episode;
        }

        OrchestrationRuntimeStatus before = Status;
        foreach (HistoryEvent e in incoming)
        {
            if (Apply(e))
            {
                episode.Add(e);
            }
        }

        foreach (HistoryEvent action in unconfirmed.Values)
        {
            episode.Add(action);
            if (action is TaskScheduled scheduled)
            {
                activitiesAwaitingResult[scheduled.TaskId] = scheduled;
            }
        }

        unconfirmed.Clear();
        FailIfAwaitingNonDurableWork();
        if (IsFinished && !before.IsTerminal() && before != OrchestrationRuntimeStatus.ContinuedAsNew && Status != OrchestrationRuntimeStatus.Terminated)
        {
            episode.Add(new ExecutionCompleted(Status, Output, Failure));
        }

        List<HistoryEvent> result = episode;
        episode = null;
        return result.Count == 1 ? [] : result;
    }

    /// <summary>Applies one event; false when it no longer applies (a duplicate, or the execution is over).</summary>
    bool Apply(HistoryEvent e)
    {
        // Awaits capture the synchronization context before the task scheduler: with one present (a test
        // framework's, a UI's) continuations would run outside the deterministic scheduler. Run without it.
        SynchronizationContext? outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return ApplyOnScheduler(e);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }
    }

    bool ApplyOnScheduler(HistoryEvent e)
    {
        bool applied = e switch
        {
            OrchestratorStarted s => SetTime(s.Timestamp),
            ExecutionStarted => Start(),
            TaskScheduled or TimerCreated or SubOrchestrationCreated => Confirm(e),
            TaskCompleted or TaskFailed or TimerFired or SubOrchestrationCompleted or SubOrchestrationFailed or EventRaised => Receive(e),
            ExecutionSuspended => Suspend(),
            ExecutionResumed => Resume(),
            ExecutionTerminated t => Terminate(t),
            ExecutionCompleted c => RecordCompletion(c),
            _ => false,
        };
        scheduler.Drain();
        ObserveCompletion();
        return applied;
    }

    bool SetTime(DateTime timestamp)
    {
        CurrentUtcDateTime = timestamp;
        return true;
    }

    bool Start()
    {
        if (running is not null)
        {
            return false;
        }

        Status = OrchestrationRuntimeStatus.Running;
        if (orchestrator is null)
        {
            running = Task.FromException<object?>(new InvalidOperationException($"No orchestrator named '{Started.Name}' is registered with this worker."));
            return true;
        }

        running = Task.Factory.StartNew(
            () => orchestrator.RunAsync(context, DataConverter.Deserialize(Started.Input, orchestrator.InputType)),
            CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();
        return true;
    }

    bool Confirm(HistoryEvent recorded)
    {
        int id = TaskIdOf(recorded);
        if (!unconfirmed.Remove(id, out HistoryEvent? produced))
        {
            string instead = unconfirmed.Count > 0 ? $"; it scheduled {Describe(unconfirmed.First().Value)} instead" : string.Empty;
            throw new NonDeterministicOrchestrationException($"History has {Describe(recorded)}, but the orchestrator did not schedule it{instead}.");
        }

        if (produced.GetType() != recorded.GetType() || NameOf(produced) != NameOf(recorded))
        {
            throw new NonDeterministicOrchestrationException($"History has {Describe(recorded)}, but the orchestrator now schedules {Describe(produced)}.");
        }

        if (recorded is TaskScheduled scheduled)
        {
            activitiesAwaitingResult[id] = scheduled;
        }

        return true;
    }

    bool Receive(HistoryEvent e)
    {
        if (IsFinished)
        {
            return false;
        }

        if (e is not EventRaised)
        {
            // A result counts only for a task that is open and already recorded as scheduled: a duplicate, or a
            // result that claims to answer a task scheduled in this very step, is not genuine and is dropped.
            int id = ResultTaskIdOf(e);
            if (!open.ContainsKey(id) || unconfirmed.ContainsKey(id) || deferredWhileSuspended.Any(d => d is not EventRaised && ResultTaskIdOf(d) == id))
            {
                return false;
            }

            if (e is TaskCompleted or TaskFailed)
            {
                activitiesAwaitingResult.Remove(id);
            }
        }

        if (Status == OrchestrationRuntimeStatus.Suspended)
        {
            deferredWhileSuspended.Add(e);
        }
        else
        {
            Deliver(e);
        }

        return true;
    }

    void Deliver(HistoryEvent e)
    {
        if (e is EventRaised raised)
        {
            int index = waiters.FindIndex(w => string.Equals(w.Name, raised.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                buffered.Add(raised);
                return;
            }

            EventWaiter waiter = waiters[index];
            waiters.RemoveAt(index);
            waiter.Completion.SetResult(raised.Input);
            return;
        }

        int id = ResultTaskIdOf(e);
        if (!open.Remove(id, out OpenTask? task))
        {
            return;
        }

        switch (e)
        {
            case TaskCompleted c: task.Completion.SetResult(c.Result); break;
            case SubOrchestrationCompleted c: task.Completion.SetResult(c.Result); break;
            case TimerFired: task.Completion.SetResult(null); break;
            case TaskFailed f: task.Completion.SetException(new TaskFailedException(task.Name, id, f.Failure)); break;
            case SubOrchestrationFailed f: task.Completion.SetException(new TaskFailedException(task.Name, id, f.Failure)); break;
        }
    }

    bool Suspend()
    {
        if (IsFinished || Status == OrchestrationRuntimeStatus.Suspended)
        {
            return false;
        }

        Status = OrchestrationRuntimeStatus.Suspended;
        return true;
    }

    bool Resume()
    {
        if (Status != OrchestrationRuntimeStatus.Suspended)
        {
            return false;
        }

        Status = OrchestrationRuntimeStatus.Running;
        foreach (HistoryEvent e in deferredWhileSuspended)
        {
            Deliver(e);
            scheduler.Drain();
        }

        deferredWhileSuspended.Clear();
        return true;
    }

    bool Terminate(ExecutionTerminated terminated)
    {
        if (IsFinished)
        {
            return false;
        }

        Status = OrchestrationRuntimeStatus.Terminated;
        Output = DataConverter.Serialize(terminated.Reason);
        return true;
    }

    bool RecordCompletion(ExecutionCompleted completed)
    {
        Status = completed.Status;
        Output = completed.Result;
        Failure = completed.Failure;
        return true;
    }

    void ObserveCompletion()
    {
        if (running is not { IsCompleted: true } || IsFinished)
        {
            return;
        }

        if (running.IsCompletedSuccessfully && ContinueAsNewRequest is { } next)
        {
            Status = OrchestrationRuntimeStatus.ContinuedAsNew;
            Output = next.Input;
        }
        else if (running.IsCompletedSuccessfully)
        {
            Status = OrchestrationRuntimeStatus.Completed;
            Output = DataConverter.Serialize(running.Result);
        }
        else
        {
            Status = OrchestrationRuntimeStatus.Failed;
            Exception failure = running.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            Failure = TaskFailureDetails.FromException(failure);
        }
    }

    // Orchestrator code that awaits something the runtime does not know (Task.Delay, I/O, ConfigureAwait(false))
    // would wait forever: fail it with the reason instead.
    void FailIfAwaitingNonDurableWork()
    {
        if (IsFinished || running is null || Status == OrchestrationRuntimeStatus.Suspended || open.Count > 0 || waiters.Count > 0)
        {
            return;
        }

        Status = OrchestrationRuntimeStatus.Failed;
        Failure = TaskFailureDetails.FromException(new InvalidOperationException(
            "The orchestrator awaits a task the runtime does not know (Task.Delay, Task.Run, I/O or ConfigureAwait(false)); orchestrators may await only the tasks their context returns."));
    }

    internal TaskCompletionSource<string?> Schedule(HistoryEvent action, string name)
    {
        int id = TaskIdOf(action);
        var completion = new TaskCompletionSource<string?>();
        if (!IsFinished)
        {
            unconfirmed[id] = action;
            open[id] = new OpenTask(name, completion);
        }

        return completion;
    }

    internal int NextTaskId() => nextTaskId++;

    internal void CancelTimer(int id)
    {
        if (open.Remove(id, out OpenTask? task))
        {
            task.Completion.TrySetCanceled();
        }
    }

    internal Task<string?> WaitForEvent(string name, CancellationToken cancellationToken)
    {
        int index = buffered.FindIndex(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            string? input = buffered[index].Input;
            buffered.RemoveAt(index);
            return Task.FromResult(input);
        }

        var waiter = new EventWaiter(name, new TaskCompletionSource<string?>());
        waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled waiter leaves the queue at once, so it never swallows a later event (ADF#3255).
            cancellationToken.Register(() =>
            {
                if (waiters.Remove(waiter))
                {
                    waiter.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return waiter.Completion.Task;
    }

    static int TaskIdOf(HistoryEvent e) => e switch
    {
        TaskScheduled s => s.TaskId,
        TimerCreated t => t.TaskId,
        SubOrchestrationCreated s => s.TaskId,
        _ => throw new ArgumentException($"{e.GetType().Name} is not an action.", nameof(e)),
    };

    internal static int ResultTaskIdOf(HistoryEvent e) => e switch
    {
        TaskCompleted c => c.TaskScheduledId,
        TaskFailed f => f.TaskScheduledId,
        TimerFired t => t.TimerId,
        SubOrchestrationCompleted c => c.TaskScheduledId,
        SubOrchestrationFailed f => f.TaskScheduledId,
        _ => throw new ArgumentException($"{e.GetType().Name} is not a result.", nameof(e)),
    };

    static string? NameOf(HistoryEvent e) => e switch
    {
        TaskScheduled s => s.Name,
        SubOrchestrationCreated s => s.Name,
        _ => null,
    };

    static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduled s => $"CallActivity '{s.Name}' (task #{s.TaskId})",
        TimerCreated t => $"CreateTimer (task #{t.TaskId})",
        SubOrchestrationCreated s => $"CallSubOrchestrator '{s.Name}' (task #{s.TaskId})",
        _ => e.GetType().Name,
    };

    sealed record OpenTask(string Name, TaskCompletionSource<string?> Completion);

    sealed record EventWaiter(string Name, TaskCompletionSource<string?> Completion);
}
