using System.Collections.Concurrent;

namespace Hntt.Durable.Execution;

/// <summary>
/// Runs an orchestrator's continuations only when the executor drains it, one at a time on the caller's
/// thread: the order of continuations depends on the order of history events alone.
/// </summary>
internal sealed class DeterministicTaskScheduler : TaskScheduler
{
    // Concurrent only so that a continuation posted from a stray thread (a forbidden Task.Delay) cannot corrupt
    // the queue; such code is still reported as non-durable by the executor.
    readonly ConcurrentQueue<Task> queue = new();

    public void Drain()
    {
        while (queue.TryDequeue(out Task? task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => queue.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => queue;
}
