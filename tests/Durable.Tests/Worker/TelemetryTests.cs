using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hntt.Durable.Testing;
using Hntt.Durable.Worker;

namespace Hntt.Durable.Tests.Worker;

/// <summary>What the runtime reports to OpenTelemetry: a span per orchestration step and per activity, and their latencies.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Every_step_and_activity_is_a_span_and_a_latency_measurement()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DurableTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new ConcurrentQueue<(string Instrument, string? Tag)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DurableTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key is "hntt.orchestration" or "hntt.activity")
                {
                    measurements.Enqueue((instrument.Name, tag.Value?.ToString()));
                }
            }
        });
        meters.Start();
        var host = new DurableTestHost(r => r
            .AddActivityFunc<string, string>("TelemetryGreet", (_, name) => Task.FromResult($"Xin chào {name}"))
            .AddOrchestratorFunc<string, string>("TelemetryHello", (ctx, name) => ctx.CallActivityAsync<string>("TelemetryGreet", name)),
            new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TelemetryHello", "Sơn La");
        await host.RunUntilCompletedAsync(id);

        Activity[] mine = [.. spans.Where(s => (string?)s.GetTagItem("hntt.instance_id") == id)];
        Assert.Equal(2, mine.Count(s => s.OperationName == "orchestration step" && (string?)s.GetTagItem("hntt.orchestration") == "TelemetryHello"));
        Assert.Single(mine, s => s.OperationName == "activity TelemetryGreet" && s.Status == ActivityStatusCode.Ok);
        Assert.Contains(("hntt.durable.step.duration", "TelemetryHello"), measurements);
        Assert.Contains(("hntt.durable.activity.duration", "TelemetryGreet"), measurements);
    }
}
