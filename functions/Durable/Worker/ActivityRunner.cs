using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Worker;

/// <summary>Runs activities in this process, a bounded number at once, and hands each result back to its partition.</summary>
internal sealed class ActivityRunner(DurableTaskRegistry registry, IServiceProvider services, ILogger logger, int maxConcurrency)
{
    readonly SemaphoreSlim slots = new(maxConcurrency, maxConcurrency);
    readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> running = new();

    /// <summary>Activities accepted and not yet answered.</summary>
    public int Running => running.Count;

    /// <summary>Completes when every activity accepted so far has answered.</summary>
    public Task WhenAllAnswered() => Task.WhenAll(running.Keys);

    public void Dispatch(string instanceId, TaskScheduled scheduled, Action<HistoryEvent> onResult)
    {
        var start = new TaskCompletionSource();
        Task work = Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                onResult(await RunAsync(instanceId, scheduled).ConfigureAwait(false));
            }
            finally
            {
                slots.Release();
            }
        });
        running.TryAdd(work, 0);
        _ = work.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        start.SetResult();
    }

    async Task<HistoryEvent> RunAsync(string instanceId, TaskScheduled scheduled)
    {
        using System.Diagnostics.Activity? span = DurableTelemetry.StartActivity(scheduled.Name, instanceId);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool failed = false;
        try
        {
            // Each activity gets its own DI scope, as a Functions invocation does.
            await using AsyncServiceScope? scope = services.GetService<IServiceScopeFactory>()?.CreateAsyncScope();
            ITaskActivity activity = registry.CreateActivity(scheduled.Name, scope?.ServiceProvider ?? services)
                ?? throw new InvalidOperationException($"No activity named '{scheduled.Name}' is registered with this worker.");
            object? input = DataConverter.Deserialize(scheduled.Input, activity.InputType);
            object? output = await activity.RunAsync(new TaskActivityContext(scheduled.Name, instanceId, scheduled.TaskId), input).ConfigureAwait(false);
            return new TaskCompleted(scheduled.TaskId, DataConverter.Serialize(output));
        }
#pragma warning disable CA1031 // An activity's failure of any kind belongs to the orchestration that called it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failed = true;
            logger.ActivityFailed(scheduled.Name, instanceId, ex);
            return new TaskFailed(scheduled.TaskId, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            DurableTelemetry.ActivityDone(span, scheduled.Name, System.Diagnostics.Stopwatch.GetElapsedTime(started), failed);
        }
    }
}
