using Microsoft.DurableTask;

namespace Hntt.Bench;

/// <summary>The benchmark orchestrations: the shapes the Durable Functions team publishes figures for.</summary>
internal static class Workloads
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("SayHello", (_, city) => Task.FromResult($"Hello {city}!"))
        .AddActivityFunc<int, long>("Stamp", (_, _) => Task.FromResult(DateTime.UtcNow.Ticks))
        .AddOrchestratorFunc<object?, string[]>("HelloCities5", async (ctx, _) =>
        [
            await ctx.CallActivityAsync<string>("SayHello", "Hà Nội"),
            await ctx.CallActivityAsync<string>("SayHello", "Sơn La"),
            await ctx.CallActivityAsync<string>("SayHello", "Thanh Hóa"),
            await ctx.CallActivityAsync<string>("SayHello", "Điện Biên"),
            await ctx.CallActivityAsync<string>("SayHello", "Lai Châu"),
        ])
        .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
        {
            for (int i = 0; i < n; i++)
            {
                await ctx.CallActivityAsync<long>("Stamp", i);
            }

            return n;
        })
        .AddOrchestratorFunc<int, long[]>("FanOut", async (ctx, n) =>
            await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<long>("Stamp", i))))
        .AddOrchestratorFunc<int, double[]>("EventSink", async (ctx, n) =>
        {
            // The step's time is when the worker processes the event: raise-to-processed latency.
            var latencies = new double[n];
            for (int i = 0; i < n; i++)
            {
                long raisedAt = await ctx.WaitForExternalEvent<long>("e");
                latencies[i] = (ctx.CurrentUtcDateTime.Ticks - raisedAt) / (double)TimeSpan.TicksPerMillisecond;
            }

            return latencies;
        })
        .AddOrchestratorFunc<DateTime, double>("Alarm", async (ctx, fireAt) =>
        {
            await ctx.CreateTimer(fireAt, CancellationToken.None);
            return (ctx.CurrentUtcDateTime - fireAt).TotalMilliseconds;
        })
        .AddOrchestratorFunc<object?, DateTime>("FirstStep", (ctx, _) => Task.FromResult(ctx.CurrentUtcDateTime));
}
