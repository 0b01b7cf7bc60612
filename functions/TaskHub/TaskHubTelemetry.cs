using System.Diagnostics;
using System.Diagnostics.Metrics;
using DurableTask.Core;
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

    /// <summary>Measures every step and activity the worker runs.</summary>
    internal static void Measure(TaskHubWorker worker)
    {
        worker.AddOrchestrationDispatcherMiddleware((context, next) => TimeAsync(next, StepDuration, context.GetProperty<OrchestrationRuntimeState>()?.Name));
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
