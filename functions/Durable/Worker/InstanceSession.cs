using Hntt.Durable.Execution;
using Hntt.Durable.Storage;

namespace Hntt.Durable.Worker;

/// <summary>An instance held in memory between steps: its head and, while it runs, its live executor.</summary>
internal sealed class InstanceSession(InstanceHead head, OrchestrationExecutor? executor)
{
    public InstanceHead Head { get; set; } = head;

    /// <summary>The running execution; null once it finished (messages to it are then dropped).</summary>
    public OrchestrationExecutor? Executor { get; set; } = executor;

    public long LastUsed { get; set; }
}
