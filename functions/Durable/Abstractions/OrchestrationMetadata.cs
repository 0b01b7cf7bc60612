using System.Text.Json;

namespace Hntt.Durable;

/// <summary>The lifecycle states of an orchestration instance (the Durable Task names and values).</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Running or waiting for something.</summary>
    Running = 0,
    /// <summary>Finished with an output.</summary>
    Completed = 1,
    /// <summary>Restarted itself with a new input; a new execution follows.</summary>
    ContinuedAsNew = 2,
    /// <summary>Finished with an unhandled failure.</summary>
    Failed = 3,
    /// <summary>Cancelled (reserved).</summary>
    Canceled = 4,
    /// <summary>Stopped by a terminate request.</summary>
    Terminated = 5,
    /// <summary>Scheduled, not yet started by a worker.</summary>
    Pending = 6,
    /// <summary>Paused by a suspend request; events wait until it resumes.</summary>
    Suspended = 7,
}

/// <summary>Helpers for runtime statuses.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for the statuses no further event changes.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}

/// <summary>One orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The instance's status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was scheduled.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The current execution's id (a new one after each ContinueAsNew or restart).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The input as JSON, when asked for.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON, when asked for and finished.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why it failed, when it failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Messages of this instance moved to the dead-letter store.</summary>
    public int DeadLetterCount { get; init; }

    /// <summary>True while the instance can still change.</summary>
    public bool IsRunning => !RuntimeStatus.IsTerminal();

    /// <summary>True once the instance finished, whatever the outcome.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, DataConverter.Options);
}
