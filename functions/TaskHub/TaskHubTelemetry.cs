using System.Diagnostics;
using System.Diagnostics.Metrics;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;

namespace Hntt.TaskHub;

/// <summary>
/// The engine's telemetry: the Durable Task Framework's own spans (source <see cref="FrameworkSource"/>) and our
/// latency histograms of orchestration steps and activities (meter <see cref="Name"/>), measured in the dispatchers.
/// </summary>
public static class TaskHubTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Hntt.TaskHub";

    /// <summary>The Durable Task Framework's activity source: a span per orchestration execution and per activity.</summary>
    public const string FrameworkSource = "DurableTask.Core";

    static readonly Meter Meter = new(Name);
    static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("hntt.taskhub.orchestration.step.duration", "ms",
        "Time to replay and run one orchestration step");
    static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>("hntt.taskhub.activity.duration", "ms", "Time an activity ran");
    static readonly Counter<long> Finished = Meter.CreateCounter<long>("hntt.taskhub.orchestrations.finished", "orchestrations",
        "Orchestrations that completed, failed or continued as new");

    /// <summary>Measures every step and activity the worker runs.</summary>
    internal static void Measure(TaskHubWorker worker)
    {
        worker.AddOrchestrationDispatcherMiddleware(async (context, next) =>
        {
            await TimeAsync(next, StepDuration, context.GetProperty<OrchestrationRuntimeState>()?.Name).ConfigureAwait(false);
            if (context.GetProperty<OrchestratorExecutionResult>()?.Actions.Any(a => a is OrchestrationCompleteOrchestratorAction) == true)
            {
                Finished.Add(1);
            }
        });
        worker.AddActivityDispatcherMiddleware((context, next) => TimeAsync(next, ActivityDuration, context.GetProperty<TaskScheduledEvent>()?.Name));
    }

    static async Task TimeAsync(Func<Task> next, Histogram<double> histogram, string? name)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            histogram.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("hntt.task", name));
        }
    }
}
