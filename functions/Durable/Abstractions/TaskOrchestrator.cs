namespace Hntt.Durable;

/// <summary>An orchestrator: durable, replayed code that schedules activities, timers and sub-orchestrations.</summary>
/// <remarks>
/// Orchestrator code is replayed from its history after every await, so it must be deterministic:
/// read time from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, make ids with
/// <see cref="TaskOrchestrationContext.NewGuid"/>, do I/O only in activities, await only the tasks the
/// context returns (never <c>Task.Delay</c>, <c>Task.Run</c> or <c>ConfigureAwait(false)</c>), and never
/// change the order of scheduled work between deployments of running instances.
/// </remarks>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestration.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>Base class for orchestrators with a typed input and output.</summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the orchestration.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>An activity: ordinary code with side effects, run at least once per scheduling.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>Base class for activities with a typed input and output.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <summary>Runs the activity. Activities may run more than once: make them idempotent.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}

/// <summary>What an activity knows about the call it serves.</summary>
/// <param name="Name">The activity's registered name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The task's id within that instance's execution: with the instance id, a stable idempotency key.</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId);
