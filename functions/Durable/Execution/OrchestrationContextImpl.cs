using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Execution;

/// <summary>The context handed to orchestrator code; every call turns into an action the executor records.</summary>
internal sealed class OrchestrationContextImpl(OrchestrationExecutor executor, ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    int guidCounter;

    public override string Name => executor.Started.Name;

    public override string InstanceId => executor.InstanceId;

    public override ParentOrchestrationInstance? Parent => executor.Started.Parent;

    public override bool IsReplaying => executor.IsReplaying;

    public override DateTime CurrentUtcDateTime => executor.CurrentUtcDateTime;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string? json = DataConverter.Serialize(input);
        return WithRetry(options?.Retry, () => ReadAsync<TResult>(
            executor.Schedule(new TaskScheduled(executor.NextTaskId(), name, json), name).Task));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        string? json = DataConverter.Serialize(input);
        string? instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(options?.Retry, () =>
        {
            int id = executor.NextTaskId();
            string childId = instanceId ?? $"{InstanceId}:{id:X4}";
            string childExecutionId = DeterministicGuid.Create($"{executor.ExecutionId}:{id}").ToString("N");
            var created = new SubOrchestrationCreated(id, orchestratorName, childId, childExecutionId, json);
            return ReadAsync<TResult>(executor.Schedule(created, orchestratorName).Task);
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        int id = executor.NextTaskId();
        Task fired = executor.Schedule(new TimerCreated(id, DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)), "timer").Task;
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => executor.CancelTimer(id));
        }

        return fired;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return ReadAsync<T>(executor.WaitForEvent(eventName, cancellationToken));
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        executor.ContinueAsNewRequest = (DataConverter.Serialize(newInput), preserveUnprocessedEvents);

    public override void SetCustomStatus(object? customStatus) => executor.CustomStatus = DataConverter.Serialize(customStatus);

    public override Guid NewGuid() =>
        DeterministicGuid.Create($"{InstanceId}_{CurrentUtcDateTime:o}_{guidCounter++}");

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), () => executor.IsReplaying);

    static async Task<T> ReadAsync<T>(Task<string?> json) => DataConverter.Deserialize<T>(await json)!;

    // Retries wait on durable timers, so a retry survives restarts and replays like any other step.
    async Task<T> WithRetry<T>(RetryPolicy? policy, Func<Task<T>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        DateTime firstAttempt = CurrentUtcDateTime;
        for (int number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (number < policy.MaxNumberOfAttempts
                && CurrentUtcDateTime - firstAttempt < policy.RetryTimeout
                && (policy.Handle?.Invoke(failed.FailureDetails) ?? true))
            {
                await CreateTimer(policy.DelayAfter(number), CancellationToken.None);
            }
        }
    }
}
