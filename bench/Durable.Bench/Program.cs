using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Hntt.Durable;
using Hntt.Durable.Bench;
using Hntt.Durable.Client;
using Hntt.Durable.Storage;
using Hntt.Durable.Worker;
using Hntt.Testing;
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

if (Wanted("hello5"))
{
    await using Bench bench = await Bench.StartAsync(azurite.ConnectionString, "hello5");
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 },
        async (_, ct) => await bench.Client.ScheduleNewOrchestrationInstanceAsync("HelloCities5", cancellationToken: ct));
    await bench.UntilFinishedAsync(1000);
    double seconds = clock.Elapsed.TotalSeconds;
    Report("hello5_seconds", seconds, "0.00");
    Report("hello5_orchestrations_per_s", 1000 / seconds);
    Report("hello5_events_per_s", 10_000 / seconds);
    opsPerStep.Add(bench.Report("hello5", Report, clientCalls: 1000));
}

if (Wanted("chain"))
{
    await using Bench bench = await Bench.StartAsync(azurite.ConnectionString, "chain");
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
    await using Bench bench = await Bench.StartAsync(azurite.ConnectionString, "fanout");
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
    await using Bench bench = await Bench.StartAsync(azurite.ConnectionString, "events");
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
    opsPerStep.Add(bench.Report("events", Report, units: 1000, clientCalls: 1000));
}

if (Wanted("timers"))
{
    await using Bench bench = await Bench.StartAsync(azurite.ConnectionString, "timers");
    DateTime fireAt = DateTime.UtcNow.AddSeconds(10);
    string[] ids = new string[1000];
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 },
        async (i, ct) => ids[i] = await bench.Client.ScheduleNewOrchestrationInstanceAsync("Alarm", fireAt, cancellationToken: ct));
    await bench.UntilFinishedAsync(1000);
    double[] lateness = (await Task.WhenAll(ids.Select(id => bench.Client.GetInstanceAsync(id, true))))
        .Select(m => m!.ReadOutputAs<double>()).Order().ToArray();
    Report("timers_lateness_p50_ms", lateness[lateness.Length / 2]);
    Report("timers_lateness_p90_ms", lateness[(int)(lateness.Length * 0.90)]);
    Report("timers_lateness_p99_ms", lateness[(int)(lateness.Length * 0.99)]);
    Report("timers_lateness_max_ms", lateness[^1]);
    opsPerStep.Add(bench.Report("timers", Report, units: 1000, clientCalls: 2000)); // 1,000 starts and 1,000 reads of the outputs

    // After a minute of idling the poll loops have backed off as far as they go: how long does a new instance wait?
    await Task.Delay(TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("BENCH_IDLE") is { } idle ? int.Parse(idle, CultureInfo.InvariantCulture) : 60));
    DateTime scheduled = DateTime.UtcNow;
    string first = await bench.Client.ScheduleNewOrchestrationInstanceAsync("FirstStep");
    OrchestrationMetadata ran = await bench.Client.WaitForInstanceCompletionAsync(first, getInputsAndOutputs: true);
    Report("idle_first_step_ms", (ran.ReadOutputAs<DateTime>() - scheduled).TotalMilliseconds);
    DurableTaskClient external = bench.ExternalClient();
    scheduled = DateTime.UtcNow;
    string second = await external.ScheduleNewOrchestrationInstanceAsync("FirstStep");
    ran = await external.WaitForInstanceCompletionAsync(second, getInputsAndOutputs: true);
    Report("idle_first_step_other_process_ms", (ran.ReadOutputAs<DateTime>() - scheduled).TotalMilliseconds);
}

if (Wanted("meeting10k"))
{
    var (seconds, historyEvents, notices) = await MeetingBench.RunNationalMeetingAsync(10_000);
    Report("meeting_10k_seconds", seconds, "0.00");
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

/// <summary>One worker host on its own task hub, counting its storage requests and steps.</summary>
internal sealed class Bench : IAsyncDisposable
{
    readonly IHost host;
    readonly RequestCounter requests;
    readonly RequestCounter clientRequests = new();
    readonly string connectionString;
    readonly string hubName;
    long requestsAtStart;
    long clientRequestsAtStart;
    long stepsAtStart;
    long finishedAtStart;

    Bench(IHost host, RequestCounter requests, string connectionString, string hubName)
    {
        this.host = host;
        this.requests = requests;
        this.connectionString = connectionString;
        this.hubName = hubName;
        var worker = host.Services.GetRequiredService<DurableTaskWorker>();
        Client = new DurableTaskClient(ServiceCollectionExtensions.CreateStore(connectionString, hubName, clientRequests), Options,
            TimeProvider.System, host.Services.GetRequiredService<InstanceChangeNotifier>(), worker.Wake);
        ResetCounters();
    }

    /// <summary>A client in the worker's process, whose storage requests are counted apart from the worker's.</summary>
    public DurableTaskClient Client { get; }

    DurableTaskOptions Options => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskOptions>>().Value;

    public static async Task<Bench> StartAsync(string connectionString, string hubName)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["extensions:durableTask:hubName"] = hubName,
            ["extensions:durableTask:storageProvider:controlQueueBatchSize"] = Environment.GetEnvironmentVariable("BENCH_BATCH") ?? "1000",
        });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var requests = new RequestCounter();
        builder.Services.AddSingleton<ITaskHubStore>(ServiceCollectionExtensions.CreateStore(connectionString, hubName, requests));
        builder.Services.AddDurableTask(Workloads.Register);
        IHost host = builder.Build();
        await host.StartAsync();
        var bench = new Bench(host, requests, connectionString, hubName);
        var worker = host.Services.GetRequiredService<DurableTaskWorker>();
        while (worker.OwnedPartitions.Count < 4)
        {
            await Task.Delay(10);
        }

        bench.ResetCounters();
        return bench;
    }

    public void ResetCounters()
    {
        requestsAtStart = requests.Count;
        clientRequestsAtStart = clientRequests.Count;
        stepsAtStart = RuntimeCounters.Steps;
        finishedAtStart = RuntimeCounters.Finished;
    }

    public async Task UntilFinishedAsync(int count)
    {
        while (RuntimeCounters.Finished - finishedAtStart < count)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>A client as another process would have: no wake-up call to this worker, no change notifications.</summary>
    public DurableTaskClient ExternalClient() => new(
        ServiceCollectionExtensions.CreateStore(connectionString, hubName, null), Options, TimeProvider.System, new InstanceChangeNotifier(), _ => { });

    /// <summary>
    /// Reports the runtime's storage requests per step and the client's per call. A step is what the Durable Task
    /// Framework's figures count as one: an orchestration episode, or for fan-outs, events and timers, one
    /// activity, event or timer processed (<paramref name="units"/>, when given).
    /// </summary>
    public double Report(string workload, Action<string, double, string> report, int? units = null, int clientCalls = 0)
    {
        long episodes = RuntimeCounters.Steps - stepsAtStart;
        double perStep = (requests.Count - requestsAtStart) / (double)Math.Max(1, units ?? episodes);
        report($"{workload}_episodes", episodes, "0");
        foreach (var (kind, n) in requests.ByKind.OrderByDescending(k => k.Value).Take(8))
        {
            Console.WriteLine($"  {kind}: {n}");
        }

        requests.ByKind.Clear();
        report($"{workload}_ops_per_step", perStep, "0.00");
        if (clientCalls > 0)
        {
            report($"{workload}_client_ops_per_call", (clientRequests.Count - clientRequestsAtStart) / (double)clientCalls, "0.00");
        }

        return perStep;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
