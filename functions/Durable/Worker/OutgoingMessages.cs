using System.Globalization;
using Hntt.Durable.Execution;
using Hntt.Durable.Storage;

namespace Hntt.Durable.Worker;

/// <summary>
/// The messages a step sends, derived from the events it recorded. Ids are derived too, so a resend after a
/// crash writes the same rows (kept once) and the receivers drop what they already processed.
/// </summary>
internal static class OutgoingMessages
{
    public static string ClientMessageId(DateTime visibleAt) => Id(visibleAt, Guid.NewGuid().ToString("N"));

    public static string ContinuationExecutionId(string executionId) =>
        DeterministicGuid.Create($"{executionId}:continue").ToString("N");

    public static List<OutgoingMessage> Derive(OrchestrationExecutor executor, IReadOnlyList<HistoryEvent> events)
    {
        var messages = new List<OutgoingMessage>();
        DateTime now = events.OfType<OrchestratorStarted>().FirstOrDefault()?.Timestamp ?? executor.CurrentUtcDateTime;
        string self = executor.InstanceId;
        string execution = executor.ExecutionId;
        string Tag(string tag) => $"{self}|{execution}|{tag}";

        foreach (HistoryEvent e in events)
        {
            switch (e)
            {
                case TimerCreated timer:
                    messages.Add(new(Id(timer.FireAt, Tag("t" + Number(timer.TaskId))), timer.FireAt,
                        new TaskMessage(self, execution, new TimerFired(timer.TaskId, timer.FireAt))));
                    break;
                case SubOrchestrationCreated child:
                    var parent = new ParentOrchestrationInstance(executor.Started.Name, self, execution, child.TaskId);
                    messages.Add(new(Id(now, Tag("s" + Number(child.TaskId))), now,
                        new TaskMessage(child.InstanceId, child.ExecutionId, new ExecutionStarted(child.Name, child.ExecutionId, child.Input, parent))));
                    break;
                case ExecutionCompleted { Status: OrchestrationRuntimeStatus.ContinuedAsNew } next:
                    messages.AddRange(Continuation(executor, next.Result, now, Tag));
                    break;
                case ExecutionCompleted or ExecutionTerminated when executor.Started.Parent is { } p:
                    messages.Add(new(Id(now, Tag("done")), now, new TaskMessage(p.InstanceId, p.ExecutionId, ResultForParent(e, p.TaskId))));
                    break;
            }
        }

        return messages;
    }

    static IEnumerable<OutgoingMessage> Continuation(OrchestrationExecutor executor, string? input, DateTime now, Func<string, string> tag)
    {
        string next = ContinuationExecutionId(executor.ExecutionId);
        var started = new ExecutionStarted(executor.Started.Name, next, input, executor.Started.Parent);
        yield return new(Id(now, tag("c0000")), now, new TaskMessage(executor.InstanceId, next, started));
        if (executor.ContinueAsNewRequest is { PreserveEvents: true })
        {
            int n = 1;
            foreach (EventRaised carried in executor.UnprocessedEvents)
            {
                yield return new(Id(now, tag("c" + Number(n++))), now, new TaskMessage(executor.InstanceId, next, carried));
            }
        }
    }

    static HistoryEvent ResultForParent(HistoryEvent end, int taskId) => end switch
    {
        ExecutionCompleted { Status: OrchestrationRuntimeStatus.Completed } c => new SubOrchestrationCompleted(taskId, c.Result),
        ExecutionCompleted c => new SubOrchestrationFailed(taskId, c.Failure ?? new TaskFailureDetails("Failed", "The sub-orchestration failed.")),
        ExecutionTerminated t => new SubOrchestrationFailed(taskId, new TaskFailureDetails("Terminated", $"The sub-orchestration was terminated: {t.Reason}")),
        _ => throw new ArgumentException("Not an end of execution.", nameof(end)),
    };

    static string Id(DateTime visibleAt, string suffix) =>
        "m|" + visibleAt.Ticks.ToString("D19", CultureInfo.InvariantCulture) + "|" + suffix;

    static string Number(int n) => n.ToString("D4", CultureInfo.InvariantCulture);
}
