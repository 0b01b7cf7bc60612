namespace Hntt.Durable;

/// <summary>How a failed activity or sub-orchestration is retried: durable timers between attempts.</summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in all, the first included (at least 1).</param>
    /// <param name="firstRetryInterval">The wait before the second attempt.</param>
    /// <param name="backoffCoefficient">Each later wait is the previous one times this (at least 1).</param>
    /// <param name="maxRetryInterval">The longest single wait.</param>
    /// <param name="retryTimeout">Stop retrying once this much time has passed since the first attempt.</param>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? TimeSpan.MaxValue;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Growth factor of the wait between attempts.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest single wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No attempt starts later than this after the first one.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Which failures are retried; all of them when null.</summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    /// <summary>The wait after the given failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        double ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>Options of a scheduled activity or sub-orchestration.</summary>
/// <param name="Retry">How failures are retried; none when null.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with the given policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options of a sub-orchestration.</summary>
/// <param name="InstanceId">The child's instance id; derived from the parent's when null.</param>
/// <param name="Retry">How failures are retried; none when null.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);

/// <summary>Options of a new orchestration instance.</summary>
/// <param name="InstanceId">The caller's id for the instance; a new GUID when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null);
