using System.Diagnostics;
using System.Security.Cryptography;
using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.Domain.Meetings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Hntt.Relay;
using Hntt.Relay.Commands;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Hntt.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Hntt.Testing.Service;

namespace Hntt.Bench;

/// <summary>
/// "Bring site to chair" (SL II.1 step 6, 30 s allowed): from the request a coordinator's page makes
/// (<see cref="MeetingFloor.BringToChairAsync"/>) through the meeting's orchestration on Azurite, its activity, the
/// signed HTTP call to the relay, to the simulated master MCU showing the site.
/// </summary>
internal static class ChairSwitchBench
{
    public static async Task<double[]> RunAsync(string storage, int requests)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        int port = FreePorts.Take(1)[0];
        WebApplication relay = RelayApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Relay:Callers:cloud"] = Convert.ToBase64String(key),
                ["Relay:Mcus:0:Id"] = "sl-mcu-ppc",
                ["Relay:Mcus:1:Id"] = "sl-mcu-vnpt",
                ["Relay:Mcus:2:Id"] = "sl-mcu-viettel",
                ["Relay:AuditLogPath"] = Path.Combine(Path.GetTempPath(), $"relay-bench-{port}.jsonl"),
            });
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await relay.StartAsync();
        var master = (SimulatedMcu)relay.Services.GetRequiredService<IEnumerable<IMcuDriverRegistration>>().Single(r => r.McuId == "sl-mcu-ppc").Driver;

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["extensions:durableTask:hubName"] = "chairswitch",
            ["Registry:Preset"] = "SonLa",
            ["RelayClient:BaseUrl"] = $"http://127.0.0.1:{port}/",
            ["RelayClient:Key"] = Convert.ToBase64String(key),
            ["Smtp:Host"] = "127.0.0.1", // required in Production; the recording sender below stands in for it
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMeetingWorkflow(builder.Configuration);
        builder.Services.AddSingleton<INoticeSender>(new RecordingNoticeSender(TimeProvider.System));
        using IHost host = builder.Build();
        await host.StartAsync();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        MeetingFloor floor = host.Services.GetRequiredService<MeetingFloor>();

        DateTime start = VietnamTime.ToLocal(DateTime.UtcNow.AddSeconds(15));
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration),
            new MeetingInput("bench", new MeetingRequest("sl-ubnd", "Đo thời gian chuyển điểm cầu", MeetingKind.Planned, start, start.AddHours(1), new SiteSelection(AllDistricts: true)), "SonLa", 8640),
            new StartOrchestrationOptions("bench"));
        while ((await client.GetInstanceAsync("bench"))?.ReadCustomStatusAs<MeetingStatus>()?.Phase != MeetingPhase.InProgress)
        {
            await Task.Delay(100);
        }

        string[] sites = ["sl-d-moc-chau", "sl-d-phu-yen", "sl-d-song-ma", "sl-d-quynh-nhai"];
        var latencies = new double[requests];
        for (int i = 0; i < requests; i++)
        {
            string site = sites[i % sites.Length];
            var shown = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnApplied(RelayCommandRequest command, DateTimeOffset at)
            {
                if (command.Command == RelayCommandNames.BringToChair && command.Conference == "bench" && command.IdempotencyKey.EndsWith("|" + site, StringComparison.Ordinal))
                {
                    shown.TrySetResult(at);
                }
            }

            master.Applied += OnApplied;
            long started = Stopwatch.GetTimestamp();
            await floor.BringToChairAsync("bench", site);
            await shown.Task.WaitAsync(TimeSpan.FromSeconds(30));
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            master.Applied -= OnApplied;
        }

        await client.TerminateInstanceAsync("bench", "benchmark done");
        await host.StopAsync();
        await relay.StopAsync();
        await relay.DisposeAsync();
        return [.. latencies.Order()];
    }
}
