using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hntt.Durable.Worker;

/// <summary>
/// What the runtime tells OpenTelemetry: a span per orchestration step and per activity (source <c>Hntt.Durable</c>),
/// and metrics (meter <c>Hntt.Durable</c>): step and activity latency, and each partition's inbox depth as last read.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Hntt.Durable";

    static readonly ActivitySource Source = new(Name);
    static readonly Meter Meter = new(Name);
    static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("hntt.durable.step.duration", "ms", "Time to replay and run one orchestration step");
    static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>("hntt.durable.activity.duration", "ms", "Time an activity took");
    static readonly ConcurrentDictionary<(string Hub, int Partition), int> InboxDepth = new();

    static DurableTelemetry() =>
        Meter.CreateObservableGauge("hntt.durable.inbox.depth", () => InboxDepth.Select(d => new Measurement<int>(d.Value,
            new KeyValuePair<string, object?>("hntt.hub", d.Key.Hub), new KeyValuePair<string, object?>("hntt.partition", d.Key.Partition))),
            "messages", "Messages and due timers waiting in a partition's inbox at its last read (up to the batch size)");

    internal static Activity? StartStep(string instanceId, int partition) =>
        Source.StartActivity("orchestration step", ActivityKind.Internal, default(ActivityContext),
            [new("hntt.instance_id", instanceId), new("hntt.partition", partition)]);

    internal static void StepDone(Activity? span, string? orchestration, TimeSpan elapsed, bool failed)
    {
        span?.SetTag("hntt.orchestration", orchestration);
        span?.SetStatus(failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        StepDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("hntt.orchestration", orchestration ?? "?"),
            new KeyValuePair<string, object?>("hntt.outcome", failed ? "poisoned" : "ok"));
    }

    internal static Activity? StartActivity(string name, string instanceId) =>
        Source.StartActivity($"activity {name}", ActivityKind.Internal, default(ActivityContext), [new("hntt.instance_id", instanceId), new("hntt.activity", name)]);

    internal static void ActivityDone(Activity? span, string name, TimeSpan elapsed, bool failed)
    {
        span?.SetStatus(failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        ActivityDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("hntt.activity", name),
            new KeyValuePair<string, object?>("hntt.outcome", failed ? "failed" : "ok"));
    }

    internal static void Inbox(string hub, int partition, int depth) => InboxDepth[(hub, partition)] = depth;
}
