using DurableTask.Core.History;
using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Notices;
using Hntt.Domain.Meetings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Hntt.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Hntt.Testing.Service;
using Hntt.Relay.Tests.ServiceBus;

namespace Hntt.Relay.Tests;

/// <summary>
/// Workflow to relay to MCU, on Azurite: the cascade at T-2 h and a "bring site to chair" during the meeting, over the
/// transport configuration names (one class per transport, so the two run side by side).
/// </summary>
public abstract class WorkflowThroughRelayTests(string transport) : IAsyncLifetime
{
    readonly InMemoryServiceBus bus = new(TimeProvider.System);
    AzuriteServer azurite = null!;
    RelayTestServer relay = null!;

    public async Task InitializeAsync() => azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        await relay.DisposeAsync();
        await azurite.DisposeAsync();
    }

    /// <summary>The transport comes from configuration alone; the workflow is the same.</summary>
    [Fact]
    public async Task A_Son_La_meeting_cascades_its_slaves_through_the_relay_and_the_chair_sees_the_site_it_asks_for()
    {
        relay = await RelayTestServer.StartAsync(transport == "ServiceBus" ? bus : null);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = "relayed" + transport,
            ["RelayClient:Transport"] = transport,
            ["RelayClient:ServiceBus:Namespace"] = "in-memory.servicebus.windows.net",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["Registry:Preset"] = "SonLa",
            ["RelayClient:BaseUrl"] = relay.Address.ToString(),
            ["RelayClient:Key"] = Convert.ToBase64String(RelayTestServer.Key),
            ["Smtp:Host"] = "127.0.0.1", // required in Production; the recording sender below stands in for it
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMeetingWorkflow(builder.Configuration);
        builder.Services.AddSingleton<INoticeSender>(sp => new RecordingNoticeSender(TimeProvider.System)); // e-mail is not what this test is about
        builder.Services.AddSingleton(bus.Client); // Service Bus in memory (no emulator runs here); unused over HTTPS
        using IHost host = builder.Build();
        await host.StartAsync();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        // The meeting lasts long enough for the chair's request whatever the machine's speed; the chair then ends it.
        DateTime start = VietnamTime.ToLocal(DateTime.UtcNow.AddSeconds(25));
        var request = new MeetingRequest("sl-ubnd", "Hội nghị trực tuyến tỉnh Sơn La", MeetingKind.Planned, start, start.AddMinutes(10), new SiteSelection(AllDistricts: true));

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput("sl-1", request, "SonLa", PolicyCompression: 8640),
            new StartOrchestrationOptions("sl-1"));
        await Eventually.HoldsAsync(() => Task.FromResult(relay.Mcu("sl-mcu-ppc").Conference("sl-1")?.Participants.Count == 2), TimeSpan.FromSeconds(60), "both slaves cascaded");
        await Eventually.HoldsAsync(async () => (await client.GetInstanceAsync("sl-1"))!.ReadCustomStatusAs<MeetingStatus>()!.Phase == MeetingPhase.InProgress,
            TimeSpan.FromSeconds(60), "the meeting started");
        await host.Services.GetRequiredService<MeetingFloor>().BringToChairAsync("sl-1", "sl-d-phu-yen");
        string slave = relay.Mcu("sl-mcu-vnpt").Conference("sl-1") is not null && RegistrySite("sl-d-phu-yen") == "sl-mcu-vnpt" ? "sl-mcu-vnpt" : "sl-mcu-viettel";
        await Eventually.HoldsAsync(() => Task.FromResult(relay.Mcu("sl-mcu-ppc").Conference("sl-1")?.OnChairScreen == slave
            && relay.Mcu(slave).Conference("sl-1")?.RoutedUp == "sl-d-phu-yen"), TimeSpan.FromSeconds(30), "the site sent up its slave's cascade link and shown on the chair's screen");
        await client.SendAsync("sl-1", new CancelMeeting("Kết thúc sớm"), CancellationToken.None);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        MeetingOutcome outcome = (await client.WaitForInstanceCompletionAsync("sl-1", true, patience.Token)).ReadOutputAs<MeetingOutcome>()!;

        // SL II.1 step 5: cascaded before the start, as the workflow ordered it (its history, not the wall clock of a busy
        // machine): when the cascade completed, only "Preparing" had been recorded, not yet "InProgress".
        IList<HistoryEvent> history = await client.GetOrchestrationHistoryAsync("sl-1");
        int cascade = history.OfType<TaskScheduledEvent>().Single(e => e.Name == nameof(CascadeActivity)).EventId;
        int cascaded = history.ToList().FindIndex(e => e is TaskCompletedEvent done && done.TaskScheduledId == cascade);
        Assert.True(cascaded >= 0, "the cascade completed");
        Assert.Equal(1, history.Take(cascaded).OfType<TaskScheduledEvent>().Count(e => e.Name == nameof(RecordMeetingPhaseActivity)));
        Assert.Equal("speakerOnly", relay.Mcu("sl-mcu-vnpt").Conference("sl-1")!.Layout); // slaves: one site full-screen
        ChairSwitch chairSwitch = Assert.Single(outcome.Report!.ChairSwitches);
        Assert.True(chairSwitch.WithinLimit, $"{chairSwitch.Milliseconds} ms"); // SL II.1 step 6: within 30 s
        Assert.True(relay.Mcu("sl-mcu-ppc").Conference("sl-1")!.Ended); // torn down when it ends
        Assert.Equal(transport == "ServiceBus", bus.Processors.Any(p => p.Queue == "relay-replies")); // the transport the configuration named carried it
        Assert.Empty(bus.DeadLetters);
        await host.StopAsync();
    }

    static string RegistrySite(string siteId) => App.Registry.RegistrySeeds.SonLa().Sites.Single(s => s.Id == siteId).McuId;
}

/// <summary>Over signed HTTPS.</summary>
public sealed class WorkflowThroughRelayOverHttpsTests() : WorkflowThroughRelayTests("Https");

/// <summary>Over Service Bus (in memory: no emulator runs here).</summary>
public sealed class WorkflowThroughRelayOverServiceBusTests() : WorkflowThroughRelayTests("ServiceBus");
