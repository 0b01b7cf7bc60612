using Microsoft.Extensions.Logging;

namespace Hntt.Durable;

/// <summary>The orchestrator's window on the runtime; mirrors Microsoft.DurableTask's context.</summary>
/// <remarks>Every member is deterministic under replay; see <see cref="ITaskOrchestrator"/> for the rules.</remarks>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent orchestration, when this one runs as a sub-orchestration.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>True while the code is re-running steps already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The current step's time: the same on every replay of it.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity that returns nothing.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Schedules a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules a sub-orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer that fires at the given UTC time; cancelling the token abandons it.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after the given delay from <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an event raised to this instance; events raised earlier are kept until waited for.</summary>
    /// <remarks>A waiter cancelled through the token gives up its place: it never consumes a later event.</remarks>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, or throws <see cref="TaskCanceledException"/> when the timeout passes first.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var timerCancellation = new CancellationTokenSource();
        using var waitCancellation = new CancellationTokenSource();
        Task<T> received = WaitForExternalEvent<T>(eventName, waitCancellation.Token);
        Task timer = CreateTimer(timeout, timerCancellation.Token);
        if (await Task.WhenAny(received, timer) == received)
        {
            CancelNow(timerCancellation);
            return await received;
        }

        CancelNow(waitCancellation);
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    // Cancellation callbacks must run on the orchestrator's thread, in order: CancelAsync would run them elsewhere.
#pragma warning disable CA1849 // Synchronous Cancel is required for determinism, see above.
    static void CancelNow(CancellationTokenSource source) => source.Cancel();
#pragma warning restore CA1849

    /// <summary>Ends this execution and starts a new one with the given input, keeping history bounded.</summary>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Carry events received but not yet waited for into the next execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Publishes a small JSON-serializable status that clients can read while the instance runs.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays quiet while the code replays.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A logger that stays quiet while the code replays.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName!);
}

/// <summary>The orchestration that started a sub-orchestration.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution that awaits the result.</param>
/// <param name="TaskId">The task id the result completes in the parent.</param>
public sealed record ParentOrchestrationInstance(string Name, string InstanceId, string ExecutionId, int TaskId);
