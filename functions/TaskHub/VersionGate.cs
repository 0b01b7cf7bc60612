using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask.Abstractions;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging;

namespace Hntt.TaskHub;

/// <summary>
/// Decides, before an orchestration step runs, whether this worker runs the orchestration's version — the check the
/// SDK's own worker makes from host.json's <c>versionMatchStrategy</c> and <c>versionFailureStrategy</c>, made here
/// in the Durable Task Framework's dispatch pipeline.
/// </summary>
internal sealed partial class VersionGate(TaskHubOptions options, ILogger logger)
{
    /// <summary>The dispatcher middleware: runs the step, fails the orchestration, or hands the step back to the queue.</summary>
    public Task RunAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        OrchestrationRuntimeState state = context.GetProperty<OrchestrationRuntimeState>();
        if (Refusal(state.Version) is not { } why)
        {
            return next();
        }

        string instanceId = state.OrchestrationInstance?.InstanceId ?? "?";
        if (options.VersionFailureStrategy == DurableTaskWorkerOptions.VersionFailureStrategy.Fail)
        {
            LogFailed(logger, instanceId, why);
            context.SetProperty(OrchestratorExecutionResult.ForFailure(why, details: null));
            return Task.CompletedTask;
        }

        // The framework abandons the work item: its messages go back to the queue, hidden for a growing while, until a
        // worker that runs this version takes them. Nothing is recorded in the orchestration's history.
        LogRejected(logger, instanceId, why);
        throw new VersionMismatchException(why);
    }

    /// <summary>Why this worker does not run <paramref name="version"/>, or null when it does.</summary>
    public string? Refusal(string? version)
    {
        int comparison = TaskOrchestrationVersioningUtils.CompareVersions(version ?? string.Empty, options.DefaultVersion ?? string.Empty);
        return options.VersionMatchStrategy switch
        {
            DurableTaskWorkerOptions.VersionMatchStrategy.Strict when comparison != 0 =>
                $"The orchestration's version '{version}' is not this worker's '{options.DefaultVersion}'.",
            DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder when comparison > 0 =>
                $"The orchestration's version '{version}' is newer than this worker's '{options.DefaultVersion}'.",
            _ => null,
        };
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Orchestration {InstanceId} left for another worker: {Reason}")]
    static partial void LogRejected(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Orchestration {InstanceId} failed: {Reason}")]
    static partial void LogFailed(ILogger logger, string instanceId, string reason);
}

/// <summary>An orchestration step this worker does not run because of the orchestration's version.</summary>
public sealed class VersionMismatchException(string message) : Exception(message);
