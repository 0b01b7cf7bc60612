using System.Collections.Concurrent;
using System.Diagnostics;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Hntt.Relay.Commands;

/// <summary>
/// Runs commands: a retried command (same caller and idempotency key) returns the first success without running
/// again — a failure is not kept, so the retry reaches the MCU — and successes are kept for a day; commands to one
/// MCU run one at a time, in the order they arrive; each MCU has its own resilience pipeline — a timeout per attempt,
/// retries with backoff, and a circuit breaker that fails fast while the MCU is down.
/// </summary>
public sealed class CommandDispatcher
{
    static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
    readonly ConcurrentDictionary<string, (DateTimeOffset At, Lazy<Task<RelayCommandResult>> Result)> results = new(StringComparer.Ordinal);
    DateTimeOffset lastSweep;
    readonly Dictionary<string, (IMcuDriver Driver, SemaphoreSlim Turn, ResiliencePipeline Pipeline)> mcus;
    readonly TimeProvider time;

    /// <summary>Creates the dispatcher for the configured MCUs.</summary>
    public CommandDispatcher(IEnumerable<IMcuDriverRegistration> drivers, IOptions<RelayOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        mcus = drivers.ToDictionary(d => d.McuId, d => (d.Driver, new SemaphoreSlim(1, 1), Pipeline(options.Value.CommandTimeout, time)));
    }

    /// <summary>Carries out a command once per idempotency key.</summary>
    public async Task<RelayCommandResult> ExecuteAsync(string caller, RelayCommandRequest command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Sweep();
        string key = $"{caller}|{command.IdempotencyKey}";
        var entry = results.GetOrAdd(key, _ => (time.GetUtcNow(), new Lazy<Task<RelayCommandResult>>(() => RunAsync(command))));
        RelayCommandResult result = await entry.Result.Value;
        if (!result.Succeeded)
        {
            results.TryRemove(KeyValuePair.Create(key, entry)); // the caller's retry tries the MCU again
        }

        return result;
    }

    // Results older than a day answer no retry the cloud still makes: dropped, so the table does not grow for ever.
    void Sweep()
    {
        DateTimeOffset now = time.GetUtcNow();
        if (now - lastSweep < TimeSpan.FromMinutes(10))
        {
            return;
        }

        lastSweep = now;
        foreach (var (key, entry) in results)
        {
            if (now - entry.At > KeptFor)
            {
                results.TryRemove(key, out _);
            }
        }
    }

    async Task<RelayCommandResult> RunAsync(RelayCommandRequest command)
    {
        if (!mcus.TryGetValue(command.McuId, out var mcu))
        {
            return new RelayCommandResult(false, $"No MCU '{command.McuId}' is configured on this relay.", 0);
        }

        await mcu.Turn.WaitAsync();
        long started = time.GetTimestamp();
        try
        {
            string answer = await mcu.Pipeline.ExecuteAsync(async token => await mcu.Driver.ExecuteAsync(command, token));
            return new RelayCommandResult(true, answer, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (BrokenCircuitException)
        {
            return new RelayCommandResult(false, $"MCU {command.McuId} is failing; commands are refused for a while (circuit open).", time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is McuException or TimeoutRejectedException)
        {
            return new RelayCommandResult(false, $"MCU {command.McuId}: {ex.Message}", time.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            mcu.Turn.Release();
        }
    }

    static ResiliencePipeline Pipeline(TimeSpan attemptTimeout, TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<McuException>().Handle<TimeoutRejectedException>(),
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(30),
        })
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<McuException>().Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
        })
        .AddTimeout(attemptTimeout)
        .Build();
}

/// <summary>An MCU's driver, as registered.</summary>
public interface IMcuDriverRegistration
{
    /// <summary>The MCU.</summary>
    string McuId { get; }

    /// <summary>Its driver.</summary>
    IMcuDriver Driver { get; }
}

/// <summary>A registration.</summary>
public sealed record McuDriverRegistration(string McuId, IMcuDriver Driver) : IMcuDriverRegistration;
