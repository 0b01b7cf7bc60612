using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Worker;

/// <summary>The runtime's log messages; event ids 100–199.</summary>
internal static partial class Logs
{
    [LoggerMessage(100, LogLevel.Information, "Worker {WorkerId} acquired partition {Partition}.")]
    public static partial void PartitionAcquired(this ILogger logger, string workerId, int partition);

    [LoggerMessage(101, LogLevel.Warning, "Worker {WorkerId} lost partition {Partition} to another worker.")]
    public static partial void PartitionLost(this ILogger logger, string workerId, int partition);

    [LoggerMessage(102, LogLevel.Information, "Worker {WorkerId} released partition {Partition}.")]
    public static partial void PartitionReleased(this ILogger logger, string workerId, int partition);

    [LoggerMessage(103, LogLevel.Warning, "Partition {Partition}: a round failed and its instances will be reloaded from storage.")]
    public static partial void RoundFailed(this ILogger logger, int partition, Exception exception);

    [LoggerMessage(104, LogLevel.Warning, "Instance {InstanceId}: message {MessageId} failed (attempt {Attempt}): {Reason}")]
    public static partial void MessageFailed(this ILogger logger, string instanceId, string messageId, int attempt, string reason);

    [LoggerMessage(105, LogLevel.Error, "Instance {InstanceId}: message {MessageId} moved to the dead-letter store after {Attempts} attempts: {Reason}")]
    public static partial void MessageDeadLettered(this ILogger logger, string instanceId, string messageId, int attempts, string reason);

    [LoggerMessage(106, LogLevel.Warning, "Activity {Name} of instance {InstanceId} failed.")]
    public static partial void ActivityFailed(this ILogger logger, string name, string instanceId, Exception exception);

    [LoggerMessage(107, LogLevel.Information, "Instance {InstanceId} ignored a start for execution {ExecutionId}: it is {Status}.")]
    public static partial void StartIgnored(this ILogger logger, string instanceId, string executionId, OrchestrationRuntimeStatus status);

    [LoggerMessage(108, LogLevel.Information, "Partition {Partition}: reconciled {Count} projection rows from history.")]
    public static partial void Reconciled(this ILogger logger, int partition, int count);

    [LoggerMessage(109, LogLevel.Warning, "Partition {Partition}: writing the query projection failed; it will be reconciled.")]
    public static partial void ProjectionFailed(this ILogger logger, int partition, Exception exception);

    [LoggerMessage(111, LogLevel.Warning, "Worker {WorkerId} could not check partition ownership; it will try again.")]
    public static partial void BalanceFailed(this ILogger logger, string workerId, Exception exception);

    [LoggerMessage(110, LogLevel.Error, "Instance {InstanceId} failed: {Failure}")]
    public static partial void InstanceFailed(this ILogger logger, string instanceId, string failure);
}
