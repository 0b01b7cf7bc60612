using System.Globalization;
using System.Security.Cryptography;
using Hntt.App.Meetings;
using Hntt.App.Notices.Email;
using Hntt.App.Timers;
using Hntt.Domain.Meetings;
using Hntt.Relay.Protocol;
using Hntt.TaskHub;
using Hntt.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hntt.Relay.Tests;

/// <summary>
/// The service itself (Hntt.App) as a separate process, killed with SIGKILL in the middle of a Sơn La meeting and
/// started again: the meeting finishes, every notice reaches the mail server once, and the MCU sees the cascade once.
/// (A kill while the mail server is accepting a batch can resend that batch's unmarked messages, with the same
/// Message-ID: see docs/notices.md.)
/// </summary>
public sealed class KilledServiceTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    AzuriteServer azurite = null!;
    MaildevServer maildev = null!;
    RelayTestServer relay = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        maildev = await MaildevServer.StartAsync();
        relay = await RelayTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await relay.DisposeAsync();
        await maildev.DisposeAsync();
        await azurite.DisposeAsync();
    }

    Dictionary<string, string?> Settings()
    {
        // A killed host's messages and activities come back within seconds, and its leases lapse: the restarted one goes on.
        var settings = new Dictionary<string, string?>(QuickRecovery.Settings)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = "killed",
            ["Registry:Preset"] = "SonLa",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["RelayClient:BaseUrl"] = relay.Address.ToString(),
            ["RelayClient:Key"] = Convert.ToBase64String(RelayTestServer.Key),
        };
        foreach (string job in ScheduledJobs.Names)
        {
            settings[$"timers:schedules:{job}:disabled"] = "true";
        }

        return settings;
    }

    // host.json settings are overridden as in Azure Functions: AzureFunctionsJobHost__extensions__durableTask__hubName.
    DotnetProcess StartService() => DotnetProcess.Start(DotnetProcess.Built("functions/App", "Hntt.App"), new Dictionary<string, string?>(
        Settings().Select(s => KeyValuePair.Create(s.Key.StartsWith("extensions:", StringComparison.Ordinal) || s.Key.StartsWith("timers:", StringComparison.Ordinal)
            ? "AzureFunctionsJobHost:" + s.Key : s.Key, s.Value)))
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture)}",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Telemetry:Console"] = "false",
    });

    [Fact]
    public async Task A_service_killed_twice_mid_meeting_finishes_it_with_every_notice_under_one_Message_ID_and_one_cascade()
    {
        // The test's own view of the hub and the stores: a client, no worker.
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDurableTaskHub(_ => { }, runWorker: false).AddMeetings(builder.Configuration);
        using IHost observer = builder.Build();
        await observer.StartAsync();
        DurableTaskClient client = observer.Services.GetRequiredService<DurableTaskClient>();
        INoticeOutbox outbox = observer.Services.GetRequiredService<INoticeOutbox>();
        var service = StartService();
        try
        {
            DateTime start = VietnamTime.ToLocal(DateTime.UtcNow.AddSeconds(40));
            var request = new MeetingRequest("sl-ubnd", "Hội nghị trực tuyến tỉnh Sơn La", MeetingKind.Planned, start, start.AddSeconds(20), new SiteSelection(AllDistricts: true));
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput("sl-k", request, "SonLa", PolicyCompression: 8640),
                new StartOrchestrationOptions("sl-k"));

            // Killed once the first notices are out, before the next step has been recorded ...
            await Eventually.HoldsAsync(async () => (await outbox.ReadAsync("sl-k", default)) is { Count: > 0 } sent && sent.All(n => n.Status == DeliveryStatus.Sent)
                && (await maildev.MessagesAsync()).Count == sent.Count, TimeSpan.FromSeconds(90), "the first notices reach the mail server");
            service.Kill();
            service.Dispose();
            service = StartService();
            // ... and again while the relay cascades the slaves into the master (SL II.1 step 5).
            await Eventually.HoldsAsync(() => Task.FromResult(relay.Mcu("sl-mcu-ppc").Log.Any(c => c.Command.Command == RelayCommandNames.Cascade)),
                TimeSpan.FromSeconds(120), "the cascade began");
            service.Kill();
            service.Dispose();
            service = StartService();

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(240));
            OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync("sl-k", getInputsAndOutputs: true, patience.Token);
            IReadOnlyList<OutboxEntry> notices = await outbox.ReadAsync("sl-k", default);
            IReadOnlyList<MailReading> mails = await maildev.ReadWithMailClientsAsync(); // as mailparser and ical.js read them

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("Completed", done.ReadOutputAs<MeetingOutcome>()!.Status);
            Assert.All(notices, n => Assert.Equal(DeliveryStatus.Sent, n.Status));
            // Every notice reached the mail server under its own Message-ID. A kill between the server's acceptance and the
            // outbox's record sends that notice again under the same Message-ID, which mail clients show once: at least once, never lost.
            string[] messageIds = [.. mails.Select(m => m.MessageId.Trim('<', '>'))];
            Assert.Equal(notices.Select(n => n.NoticeId).Order(StringComparer.Ordinal), messageIds.Select(id => id[..id.IndexOf('@', StringComparison.Ordinal)]).Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(["sl-mcu-viettel", "sl-mcu-vnpt"], relay.Mcu("sl-mcu-ppc").Log.Where(c => c.Command.Command == RelayCommandNames.Cascade && c.Command.Conference == "sl-k")
                .Select(c => c.Command.Target).Order()); // the MCU saw each cascade link once
        }
        finally
        {
            log.WriteLine(service.Output);
            service.Dispose();
        }
    }
}
