namespace Hntt.Durable;

/// <summary>What failed, in a form that survives serialization into history.</summary>
/// <param name="ErrorType">The exception's full type name.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">Where it was thrown, if known.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures an exception.</summary>
    public static TaskFailureDetails FromException(Exception exception) => exception switch
    {
        TaskFailedException failed => new(exception.GetType().FullName!, exception.Message, exception.StackTrace, failed.FailureDetails),
        _ => new(exception.GetType().FullName!, exception.Message, exception.StackTrace,
            exception.InnerException is { } inner ? FromException(inner) : null),
    };

    /// <summary>True when this failure or one it wraps is of the given exception type.</summary>
    public bool IsCausedBy<TException>() where TException : Exception =>
        ErrorType == typeof(TException).FullName || (InnerFailure?.IsCausedBy<TException>() ?? false);

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}

/// <summary>An activity or sub-orchestration failed; thrown into the orchestrator that awaited it.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The failed task's name.</summary>
    public string TaskName { get; }

    /// <summary>The failed task's id within its execution.</summary>
    public int TaskId { get; }

    /// <summary>What failed inside the task.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>Replaying the orchestrator's code did not produce what its history recorded.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);

/// <summary>The caller named an instance that does not exist.</summary>
public sealed class OrchestrationNotFoundException(string instanceId)
    : InvalidOperationException($"No orchestration instance with id '{instanceId}' exists.")
{
    /// <summary>The instance id that was not found.</summary>
    public string InstanceId { get; } = instanceId;
}

/// <summary>The caller asked a running instance for something only a finished one allows, or the reverse.</summary>
public sealed class OrchestrationStateException(string instanceId, OrchestrationRuntimeStatus status, string message)
    : InvalidOperationException(message)
{
    /// <summary>The instance's id.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The instance's status when the call was refused.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}
