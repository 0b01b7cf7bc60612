using Hntt.Durable.Execution;
using Hntt.Durable.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hntt.Durable.Testing;

/// <summary>Replays recorded histories against current orchestrator code: a deploy that would break running instances fails a test instead.</summary>
public static class OrchestrationReplayer
{
    /// <summary>Reads a history recorded as JSON (as <see cref="Save"/> writes it).</summary>
    public static IReadOnlyList<HistoryEvent> Load(string json) => HistoryJson.DeserializeEvents(json);

    /// <summary>Writes a history as JSON.</summary>
    public static string Save(IReadOnlyList<HistoryEvent> history) => HistoryJson.Serialize(history);

    /// <summary>Replays the history; returns the status it reaches.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">The code no longer produces what the history recorded.</exception>
    public static OrchestrationRuntimeStatus Replay(DurableTaskRegistry registry, IReadOnlyList<HistoryEvent> history, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(history);
        ExecutionStarted started = history.OfType<ExecutionStarted>().FirstOrDefault()
            ?? throw new ArgumentException("The history has no ExecutionStarted event.", nameof(history));
        var executor = new OrchestrationExecutor("replay", started, registry.CreateOrchestrator(started.Name, services ?? new NoServices()), NullLoggerFactory.Instance);
        executor.Replay(history);
        if (executor.Failure is { } failure && failure.IsCausedBy<NonDeterministicOrchestrationException>())
        {
            throw new NonDeterministicOrchestrationException(failure.ErrorMessage);
        }

        return executor.Status;
    }

    sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
