using System.Collections.Concurrent;

namespace Hntt.Durable.Client;

/// <summary>Tells waiting clients in this process that an instance changed, so they read it again at once.</summary>
internal sealed class InstanceChangeNotifier
{
    readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new(StringComparer.Ordinal);

    public void Notify(string instanceId)
    {
        if (waiting.TryRemove(instanceId, out TaskCompletionSource? changed))
        {
            changed.TrySetResult();
        }
    }

    /// <summary>Completes at the next change of the instance in this process.</summary>
    public Task NextChange(string instanceId) =>
        waiting.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
