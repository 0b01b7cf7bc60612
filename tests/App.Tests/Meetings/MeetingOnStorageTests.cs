using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.Domain.Meetings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Hntt.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hntt.App.Tests.Meetings;

/// <summary>The real workflow on Azurite, the policy compressed 8,640 times (a day in ten seconds), from request to report.</summary>
public sealed class MeetingOnStorageTests : IAsyncLifetime
{
    AzuriteServer azurite = null!;
    MaildevServer maildev = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        maildev = await MaildevServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        await maildev.DisposeAsync();
    }

    [Fact]
    public async Task A_compressed_Thanh_Hoa_meeting_runs_from_request_to_report_on_storage()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = "meetings",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["Registry:Preset"] = "ThanhHoa",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMeetingWorkflow(builder.Configuration);
        using IHost host = builder.Build();
        await host.StartAsync();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        IMeetingStore store = host.Services.GetRequiredService<IMeetingStore>();
        var outbox = host.Services.GetRequiredService<Hntt.App.Notices.Email.INoticeOutbox>();
        async Task<IReadOnlyList<Hntt.App.Notices.Email.OutboxEntry>> SentAsync() => await outbox.ReadAsync("hdnd-1", default);
        DateTime start = VietnamTime.ToLocal(DateTime.UtcNow.AddSeconds(25));
        var request = new MeetingRequest("th-hdnd", "Kỳ họp HĐND tỉnh (trực tuyến)", MeetingKind.Planned, start, start.AddSeconds(5), new SiteSelection(AllDistricts: true));

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput("hdnd-1", request, "ThanhHoa", PolicyCompression: 8640),
            new StartOrchestrationOptions("hdnd-1"));
        // Sites report as soon as they know of the meeting, well before their deadlines: no race with the compressed clock.
        await Eventually.HoldsAsync(async () => (await SentAsync()).Any(n => n.Kind == NoticeKind.Details), TimeSpan.FromSeconds(60), "the details went out");
        foreach (MeetingSite site in await store.ReadSitesAsync("hdnd-1", default))
        {
            if (site.Role == SiteRole.Satellite && site.SiteId != "th-d-muong-lat")
            {
                await store.RecordAsync("hdnd-1", site.SiteId, ReadinessStage.FirstTest, new SiteCheck(true, true, "tốt", DateTime.UtcNow), default);
                await store.RecordAsync("hdnd-1", site.SiteId, ReadinessStage.SecondTest, new SiteCheck(true, true, "tốt", DateTime.UtcNow), default);
            }
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync("hdnd-1", getInputsAndOutputs: true, patience.Token);
        MeetingOutcome outcome = done.ReadOutputAs<MeetingOutcome>()!;
        IList<DurableTask.Core.History.HistoryEvent> history = await client.GetOrchestrationHistoryAsync("hdnd-1");

        Assert.Equal("Completed", outcome.Status);
        Assert.Equal(new ReadinessCounts(28, 27, 27, 0, 1, 1, 1), outcome.Report!.Readiness);
        IReadOnlyList<Hntt.App.Notices.Email.OutboxEntry> sent = await SentAsync();
        Assert.Equal("th-d-muong-lat", sent.Where(n => n.Kind == NoticeKind.Escalation).Select(n => n.SiteId).Distinct().Single());
        Assert.Equal([NoticeKind.Details, NoticeKind.DicNotice, NoticeKind.TelecomAndPowerNotice, NoticeKind.TestCallRequest, NoticeKind.Reminder,
            NoticeKind.Escalation, NoticeKind.SitesAtRisk, NoticeKind.EvaluationRequest, NoticeKind.MeetingReport], sent.OrderBy(n => n.SentAtUtc).Select(n => n.Kind).Distinct());
        Assert.All(sent, n => Assert.Equal(Hntt.App.Notices.Email.DeliveryStatus.Sent, n.Status));
        Assert.Equal(sent.Count, (await maildev.MessagesAsync()).Count); // every notice in the mailbox, once
        Assert.Single(await store.ReadLogbookAsync("th-d-nga-son", default));
        Assert.InRange(history.Count, 100, 600); // one activity per obligation and per notice batch: it does not grow with the sites
        Assert.Equal("th-p-stttt", (await store.ReadSitesAsync("hdnd-1", default)).Single(s => s.Role == SiteRole.Chair).SiteId); // TH Art. 4.1: People's Council → DIC room
        await host.StopAsync();
    }
}
