using System.Diagnostics;
using System.Globalization;
using System.Diagnostics.Metrics;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Hntt.Bench;
using Hntt.TaskHub;
using Hntt.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Runs on a fresh Azurite of its own; prints "name: value" lines; scripts/bench appends them to bench/results.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string[] only = args;
bool Wanted(string name) => only.Length == 0 || only.Contains(name);
var results = new List<(string Name, string Value)>();
void Report(string name, double value, string format = "0.0")
{
    string text = value.ToString(format, CultureInfo.InvariantCulture);
    results.Add((name, text));
    Console.WriteLine($"{name}: {text}");
}

await using AzuriteServer azurite = await AzuriteServer.StartAsync();
await MeasureFloorAsync(azurite.ConnectionString);
var opsPerStep = new List<double>();
Console.WriteLine("settings: " + string.Join(", ", WorkloadHost.Settings("", "hub").Where(s => s.Key.StartsWith("extensions", StringComparison.Ordinal))
    .Select(s => $"{s.Key["extensions:durableTask:".Length..]}={s.Value}")));

if (Wanted("hello5"))
{
    // 1,000 orchestrations as the Durable Functions team measures it; BENCH_HELLO sets fewer to compare settings quickly.
    int count = Environment.GetEnvironmentVariable("BENCH_HELLO") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1000;
    await using WorkloadHost bench = await WorkloadHost.StartAsync(azurite.ConnectionString, "hello5");
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 },
        async (_, ct) => await bench.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities5", ct));
    await bench.UntilFinishedAsync(count);
    double seconds = clock.Elapsed.TotalSeconds;
    Report("hello5_orchestrations", count, "0");
    Report("hello5_seconds", seconds, "0.00");
    Report("hello5_orchestrations_per_s", count / seconds);
    Report("hello5_events_per_s", count * 10 / seconds);
    opsPerStep.Add(bench.Report("hello5", Report));
}

if (Wanted("chain"))
{
    await using WorkloadHost bench = await WorkloadHost.StartAsync(azurite.ConnectionString, "chain");
    var clock = Stopwatch.StartNew();
    string id = await bench.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 500);
    await bench.Client.WaitForInstanceCompletionAsync(id);
    double seconds = clock.Elapsed.TotalSeconds;
    Report("chain_activities_per_s", 500 / seconds);
    Report("chain_ms_per_step", seconds * 1000 / 500, "0.00");
    opsPerStep.Add(bench.Report("chain", Report));
}

if (Wanted("fanout"))
{
    await using WorkloadHost bench = await WorkloadHost.StartAsync(azurite.ConnectionString, "fanout");
    long started = DateTime.UtcNow.Ticks;
    var clock = Stopwatch.StartNew();
    string id = await bench.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 1000);
    OrchestrationMetadata done = await bench.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
    double seconds = clock.Elapsed.TotalSeconds;
    long lastActivity = done.ReadOutputAs<long[]>()!.Max();
    Report("fanout_seconds", seconds, "0.00");
    Report("fanout_fan_out_seconds", (lastActivity - started) / (double)TimeSpan.TicksPerSecond, "0.00");
    Report("fanout_fan_in_seconds", seconds - (lastActivity - started) / (double)TimeSpan.TicksPerSecond, "0.00");
    opsPerStep.Add(bench.Report("fanout", Report, units: 1000));
}

if (Wanted("events"))
{
    await using WorkloadHost bench = await WorkloadHost.StartAsync(azurite.ConnectionString, "events");
    string id = await bench.Client.ScheduleNewOrchestrationInstanceAsync("EventSink", 1000);
    await bench.Client.WaitForInstanceStartAsync(id);
    bench.ResetCounters();
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 },
        async (_, ct) => await bench.Client.RaiseEventAsync(id, "e", DateTime.UtcNow.Ticks, ct));
    OrchestrationMetadata done = await bench.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
    double seconds = clock.Elapsed.TotalSeconds;
    double[] latencies = done.ReadOutputAs<double[]>()!.Order().ToArray();
    Report("events_per_s", 1000 / seconds);
    Report("events_p50_ms", latencies[latencies.Length / 2]);
    Report("events_p99_ms", latencies[(int)(latencies.Length * 0.99)]);
    opsPerStep.Add(bench.Report("events", Report, units: 1000));
}

if (Wanted("timers"))
{
    await using WorkloadHost bench = await WorkloadHost.StartAsync(azurite.ConnectionString, "timers");
    DateTime fireAt = DateTime.UtcNow.AddSeconds(10);
    string[] ids = new string[1000];
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 },
        async (i, ct) => ids[i] = await bench.Client.ScheduleNewOrchestrationInstanceAsync("Alarm", fireAt, ct));
    await bench.UntilFinishedAsync(1000);
    // The finished count rises as each last step runs; its instance row is written a moment later.
    double[] lateness = (await Task.WhenAll(ids.Select(id => bench.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true))))
        .Select(m => m!.ReadOutputAs<double>()).Order().ToArray();
    Report("timers_lateness_p50_ms", lateness[lateness.Length / 2]);
    Report("timers_lateness_p90_ms", lateness[(int)(lateness.Length * 0.90)]);
    Report("timers_lateness_p99_ms", lateness[(int)(lateness.Length * 0.99)]);
    Report("timers_lateness_max_ms", lateness[^1]);
    opsPerStep.Add(bench.Report("timers", Report, units: 1000)); // with 1,000 starts and 1,000 reads of the outputs

    // After a minute of idling the poll loops have backed off as far as they go: how long does a new instance wait?
    await Task.Delay(TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("BENCH_IDLE") is { } idle ? int.Parse(idle, CultureInfo.InvariantCulture) : 60));
    DateTime scheduled = DateTime.UtcNow;
    string first = await bench.Client.ScheduleNewOrchestrationInstanceAsync("FirstStep");
    OrchestrationMetadata ran = await bench.Client.WaitForInstanceCompletionAsync(first, getInputsAndOutputs: true);
    Report("idle_first_step_ms", (ran.ReadOutputAs<DateTime>() - scheduled).TotalMilliseconds);
    var (externalHost, external) = await WorkloadHost.ExternalClientAsync(azurite.ConnectionString, "timers");
    scheduled = DateTime.UtcNow;
    string second = await external.ScheduleNewOrchestrationInstanceAsync("FirstStep");
    ran = await external.WaitForInstanceCompletionAsync(second, getInputsAndOutputs: true);
    Report("idle_first_step_other_process_ms", (ran.ReadOutputAs<DateTime>() - scheduled).TotalMilliseconds);
    await externalHost.StopAsync();
    externalHost.Dispose();
}

if (Wanted("meeting10k"))
{
    var (seconds, overrun, historyEvents, notices) = await MeetingBench.RunNationalMeetingAsync(azurite.ConnectionString, 10_000);
    Report("meeting_10k_seconds", seconds, "0.00");
    Report("meeting_10k_report_after_end_seconds", overrun, "0.00");
    Report("meeting_10k_history_events", historyEvents, "0");
    Report("meeting_10k_notices", notices, "0");
}

if (Wanted("notices10k"))
{
    var (seconds, messages) = await MeetingBench.DeliverNoticesAsync(10_000);
    Report("notices_10k_seconds", seconds, "0.00");
    Report("notices_10k_messages", messages, "0");
    Report("notices_10k_per_s", messages / seconds);
}

if (Wanted("chairswitch"))
{
    double[] ms = await ChairSwitchBench.RunAsync(azurite.ConnectionString, 200);
    Report("chair_switch_p50_ms", ms[ms.Length / 2]);
    Report("chair_switch_p99_ms", ms[(int)(ms.Length * 0.99)]);
    Report("chair_switch_max_ms", ms[^1]);
}

if (Wanted("api"))
{
    var (submit, get, list) = await ApiBench.RunAsync(azurite, 200);
    foreach (var (name, ms) in new[] { ("api_submit", submit), ("api_get_meeting", get), ("api_list_month", list) })
    {
        Array.Sort(ms);
        Report($"{name}_p50_ms", ms[ms.Length / 2]);
        Report($"{name}_p99_ms", ms[(int)(ms.Length * 0.99)]);
    }
}

if (Wanted("pages"))
{
    var (meeting, chair) = await PageBench.RunAsync(azurite, 500, 50);
    foreach (var (name, ms) in new[] { ("page_meeting", meeting), ("page_chair", chair) })
    {
        Report($"{name}_ms", ms[ms.Length / 2]); // the median load of the whole HTML
        Report($"{name}_p99_ms", ms[(int)(ms.Length * 0.99)]);
    }
}

if (opsPerStep.Count > 0)
{
    Report("ops_per_step", opsPerStep.Max(), "0.00");
}

string path = Path.Combine(RepoPaths.Root, "bench", "results.md");
string commit = Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown";
string machine = Environment.GetEnvironmentVariable("BENCH_MACHINE") ?? $"{Environment.ProcessorCount} cores";
await File.AppendAllTextAsync(path, $"\n## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {commit}, {machine}\n\n"
    + string.Join("\n", results.Select(r => $"- {r.Name}: {r.Value}")) + "\n");

async Task MeasureFloorAsync(string connectionString)
{
    var table = new TableServiceClient(connectionString).GetTableClient("floor");
    await table.CreateIfNotExistsAsync();
    TimeSpan span = TimeSpan.FromSeconds(3);
    async Task<double> RateAsync(int inFlight, Func<int, Task> operation)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async worker =>
        {
            while (clock.Elapsed < span)
            {
                await operation(worker);
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }

    int n = 0;
    Report("floor_single_upserts_per_s", await RateAsync(16, w => table.UpsertEntityAsync(new TableEntity($"w{w}", $"{Interlocked.Increment(ref n)}") { ["V"] = "x" })));
    Report("floor_batch10_entities_per_s", 10 * await RateAsync(16, w => table.SubmitTransactionAsync(Enumerable.Range(0, 10).Select(i =>
        new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"b{w}", $"{Interlocked.Increment(ref n)}") { ["V"] = "x" })))));
    // The queue alternative the runtime does not use: one request per message sent, and deletes not counted here.
    var queue = new Azure.Storage.Queues.QueueClient(connectionString, "floor");
    await queue.CreateIfNotExistsAsync();
    Report("floor_queue_sends_per_s", await RateAsync(16, _ => queue.SendMessageAsync("x")));
    long received = 0;
    await RateAsync(1, async _ => Interlocked.Add(ref received, (await queue.ReceiveMessagesAsync(32)).Value.Length));
    Report("floor_queue_received_messages_per_s", received / span.TotalSeconds); // up to 32 per receive; an empty queue ends the supply
    Report("floor_batch100_entities_per_s", 100 * await RateAsync(1, w => table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i =>
        new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"c{w}", $"{Interlocked.Increment(ref n)}") { ["V"] = "x" })))));
}

/// <summary>One worker host on its own task hub, counting its storage requests, steps and finished orchestrations.</summary>
internal sealed class WorkloadHost : IAsyncDisposable
{
    readonly IHost host;
    readonly RequestCounter requests;
    readonly MeterListener listener = new();
    long steps;
    long finished;
    long requestsAtStart;
    long stepsAtStart;
    long finishedAtStart;

    WorkloadHost(IHost host, RequestCounter requests)
    {
        this.host = host;
        this.requests = requests;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TaskHubTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "hntt.taskhub.orchestration.step.duration")
            {
                Interlocked.Increment(ref steps);
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "hntt.taskhub.orchestrations.finished")
            {
                Interlocked.Add(ref finished, value);
            }
        });
        listener.Start();
        ResetCounters();
    }

    /// <summary>A client in the worker's process (its requests are counted with the worker's).</summary>
    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The provider's settings, tunable by environment variables, as the runs record them.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string hubName) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["extensions:durableTask:hubName"] = hubName,
        ["extensions:durableTask:storageProvider:partitionCount"] = Environment.GetEnvironmentVariable("BENCH_PARTITIONS") ?? "4",
        ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = Environment.GetEnvironmentVariable("BENCH_POLL") ?? "00:00:01",
        ["extensions:durableTask:storageProvider:controlQueueBufferThreshold"] = Environment.GetEnvironmentVariable("BENCH_BUFFER") ?? "128",
        ["extensions:durableTask:extendedSessionsEnabled"] = Environment.GetEnvironmentVariable("BENCH_EXTENDED") ?? "true",
        ["extensions:durableTask:maxConcurrentActivityFunctions"] = Environment.GetEnvironmentVariable("BENCH_ACTIVITIES") ?? "10",
        ["extensions:durableTask:maxConcurrentOrchestratorFunctions"] = Environment.GetEnvironmentVariable("BENCH_ORCHESTRATORS") ?? "100",
    };

    public static async Task<WorkloadHost> StartAsync(string connectionString, string hubName)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, hubName));
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var requests = new RequestCounter();
        builder.Services.AddSingleton<HttpPipelinePolicy>(requests);
        builder.Services.AddDurableTaskHub(Workloads.Register);
        IHost host = builder.Build();
        await host.StartAsync();
        await LeasesTakenAsync(connectionString, hubName, int.Parse(Settings(connectionString, hubName)["extensions:durableTask:storageProvider:partitionCount"]!, CultureInfo.InvariantCulture));
        var bench = new WorkloadHost(host, requests);
        return bench;
    }

    // The worker owns every partition once each lease row names it; before that, work waits for a lease.
    static async Task LeasesTakenAsync(string connectionString, string hubName, int partitions)
    {
        TableClient leases = new TableServiceClient(connectionString).GetTableClient(hubName + "Partitions");
        while (await leases.QueryAsync<TableEntity>().CountAsync(e => !string.IsNullOrEmpty(e.GetString("CurrentOwner"))) < partitions)
        {
            await Task.Delay(50);
        }
    }

    public void ResetCounters()
    {
        requestsAtStart = requests.Count;
        stepsAtStart = Interlocked.Read(ref steps);
        finishedAtStart = Interlocked.Read(ref finished);
    }

    public async Task UntilFinishedAsync(int count)
    {
        while (Interlocked.Read(ref finished) - finishedAtStart < count)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>A client as another process would have: its own provider instance, whose messages wake no poller here.</summary>
    public static async Task<(IHost Host, DurableTaskClient Client)> ExternalClientAsync(string connectionString, string hubName)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Settings(connectionString, hubName));
        builder.Services.AddDurableTaskHub(Workloads.Register, runWorker: false);
        IHost external = builder.Build();
        await external.StartAsync();
        return (external, external.Services.GetRequiredService<DurableTaskClient>());
    }

    /// <summary>
    /// Reports the storage requests per step of worker and client together. A step is what the Durable Task
    /// Framework's figures count as one: an orchestration episode, or for fan-outs, events and timers, one
    /// activity, event or timer processed (<paramref name="units"/>, when given).
    /// </summary>
    public double Report(string workload, Action<string, double, string> report, int? units = null)
    {
        long episodes = Interlocked.Read(ref steps) - stepsAtStart;
        double perStep = (requests.Count - requestsAtStart) / (double)Math.Max(1, units ?? episodes);
        report($"{workload}_episodes", episodes, "0");
        foreach (var (kind, n) in requests.ByKind.OrderByDescending(k => k.Value).Take(8))
        {
            Console.WriteLine($"  {kind}: {n}");
        }

        requests.ByKind.Clear();
        report($"{workload}_ops_per_step", perStep, "0.00");
        return perStep;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        await host.StopAsync();
        host.Dispose();
    }
}
