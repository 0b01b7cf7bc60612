using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HistoryEvent = DurableTask.Core.History.HistoryEvent;

namespace Hntt.App.Tests.Meetings;

/// <summary>
/// The real workflow on the Azure Storage provider on Azurite, its notices by e-mail into maildev, the policy
/// compressed 8,640 times (a day in ten seconds): planned Thanh Hóa, four-level Sơn La and emergency meetings, from request to report.
/// </summary>
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

    /// <summary>A meeting run to its end; every satellite but <paramref name="silent"/> reports both test calls as soon as it hears of it.</summary>
    async Task<(MeetingOutcome Outcome, IReadOnlyList<OutboxEntry> Notices, IList<HistoryEvent> History, IReadOnlyList<MeetingSite> Sites)> RunAsync(
        string preset, string id, MeetingRequest request, string? silent = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = preset.ToLowerInvariant() + "meetings",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["Registry:Preset"] = preset,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMeetingWorkflow(builder.Configuration);
        RecordingRelayClient.StandIn(builder, TimeProvider.System);
        using IHost host = builder.Build();
        await host.StartAsync();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        IMeetingStore store = host.Services.GetRequiredService<IMeetingStore>();
        INoticeOutbox outbox = host.Services.GetRequiredService<INoticeOutbox>();

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput(id, request, preset, PolicyCompression: 8640),
            new StartOrchestrationOptions(id));
        // Sites report as soon as they know of the meeting, well before their deadlines: no race with the compressed clock.
        await Eventually.HoldsAsync(async () => (await outbox.ReadAsync(id, default)).Any(n => n.Kind == NoticeKind.Details), TimeSpan.FromSeconds(60), "the details went out");
        foreach (MeetingSite site in await store.ReadSitesAsync(id, default))
        {
            if (site.Role == SiteRole.Satellite && site.SiteId != silent)
            {
                await store.RecordAsync(id, site.SiteId, ReadinessStage.FirstTest, new SiteCheck(true, true, "tốt", DateTime.UtcNow), default);
                await store.RecordAsync(id, site.SiteId, ReadinessStage.SecondTest, new SiteCheck(true, true, "tốt", DateTime.UtcNow), default);
            }
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var result = (done.ReadOutputAs<MeetingOutcome>()!, await outbox.ReadAsync(id, default), await client.GetOrchestrationHistoryAsync(id), await store.ReadSitesAsync(id, default));
        await host.StopAsync();
        return result;
    }

    static DateTime LocalIn(double seconds) => VietnamTime.ToLocal(DateTime.UtcNow.AddSeconds(seconds));

    [Fact]
    public async Task A_planned_Thanh_Hoa_meeting_runs_from_request_to_report_with_every_notice_in_the_mailbox_once()
    {
        DateTime start = LocalIn(25);
        var request = new MeetingRequest("th-hdnd", "Kỳ họp HĐND tỉnh (trực tuyến)", MeetingKind.Planned, start, start.AddSeconds(5), new SiteSelection(AllDistricts: true));

        var (outcome, notices, history, sites) = await RunAsync("ThanhHoa", "hdnd-1", request, silent: "th-d-muong-lat");

        Assert.Equal("Completed", outcome.Status);
        Assert.Equal(new ReadinessCounts(28, 27, 27, 0, 1, 1, 1), outcome.Report!.Readiness);
        Assert.Equal("th-d-muong-lat", notices.Where(n => n.Kind == NoticeKind.Escalation).Select(n => n.SiteId).Distinct().Single());
        Assert.Equal([NoticeKind.Details, NoticeKind.DicNotice, NoticeKind.TelecomAndPowerNotice, NoticeKind.TestCallRequest, NoticeKind.Reminder,
            NoticeKind.Escalation, NoticeKind.SitesAtRisk, NoticeKind.EvaluationRequest, NoticeKind.MeetingReport], notices.OrderBy(n => n.SentAtUtc).Select(n => n.Kind).Distinct());
        Assert.All(notices, n => Assert.Equal(DeliveryStatus.Sent, n.Status));
        IReadOnlyList<MailReading> mails = await maildev.ReadWithMailClientsAsync(); // as mailparser and ical.js read them
        Assert.Equal(notices.Count, mails.Count); // every notice in the mailbox, once
        MailReading[] invitations = [.. mails.Where(m => m.Calendars.Count > 0)];
        Assert.Equal(notices.Count(n => n.Kind == NoticeKind.Details), invitations.Length);
        Assert.All(invitations, m => Assert.Equal(("REQUEST", $"mailto:{m.To[0]}"), (m.Calendars[0].Method, Assert.Single(m.Calendars[0].Attendees))));
        // One activity per obligation and per notice batch: it does not grow with the sites. (Fewer on a loaded machine: an
        // obligation whose time has already come on the compressed clock is done at once, without a timer.)
        Assert.InRange(history.Count, 40, 600);
        Assert.Equal("th-p-stttt", sites.Single(s => s.Role == SiteRole.Chair).SiteId); // TH Art. 4.1: People's Council → DIC room
    }

    [Fact]
    public async Task A_four_level_Son_La_meeting_reaches_the_communes_and_runs_to_its_report()
    {
        DateTime start = LocalIn(25);
        var request = new MeetingRequest("sl-ubnd", "Hội nghị triển khai nhiệm vụ đến cấp xã", MeetingKind.Planned, start, start.AddSeconds(5),
            new SiteSelection(AllDistricts: true, AllCommunesOf: ["sl-d-moc-chau", "sl-d-sop-cop"]));

        var (outcome, notices, _, sites) = await RunAsync("SonLa", "sl-xa-1", request);

        Assert.Equal("Completed", outcome.Status);
        Assert.Equal(12 + 15 + 8, sites.Count(s => s.Role == SiteRole.Satellite)); // districts and the communes of two
        Assert.Contains(notices, n => n.Kind == NoticeKind.Details && n.SiteId == "sl-c-sop-cop-08"); // communes hear too
        // SL II.1 step 4: no room recorded its rehearsal here, so every one was reminded and escalated for it — and only for it.
        Assert.Equal((35, 0), (outcome.Report!.Readiness.Escalated, outcome.Report.Readiness.Rehearsed));
        Assert.All(sites.Where(s => s.Role == SiteRole.Satellite), s => Assert.Equal([ReadinessStage.Rehearsal], s.Escalated));
        Assert.All(notices, n => Assert.Equal(DeliveryStatus.Sent, n.Status));
    }

    [Fact]
    public async Task An_emergency_meeting_notifies_at_once_by_phone_fax_and_mail_and_closes_with_its_report()
    {
        DateTime start = LocalIn(20);
        var storm = new MeetingRequest("th-ubnd", "Ứng phó khẩn cấp bão số 5", MeetingKind.Emergency, start, start.AddSeconds(5), new SiteSelection(AllDistricts: true));

        var (outcome, notices, _, _) = await RunAsync("ThanhHoa", "bao-5", storm, silent: "th-d-quan-hoa");

        Assert.Equal("Completed", outcome.Status);
        // TH Art. 7.4, SL II.2 step 1: DIC, telecom and power company at once, with the numbers for the call list.
        List<OutboxEntry> emergency = [.. notices.Where(n => n.Kind == NoticeKind.EmergencyNotice)];
        Assert.Contains(emergency, n => n.Recipient.Contains("Điện lực", StringComparison.Ordinal));
        Assert.All(emergency, n => Assert.False(string.IsNullOrEmpty(n.Phone)));
        // Every number is on the call list, the 24/7 duty desks' too, though they share their unit's mailbox; each mailbox is mailed once.
        RegistryData registry = Hntt.App.Registry.RegistrySeeds.ThanhHoa();
        string[] numbers = [.. registry.Units.Where(u => u.Duty == UnitDuty.Dic || u.Kind is UnitKind.Telecom or UnitKind.PowerCompany).Select(u => u.Phone!)
            .Concat(registry.Contacts.Select(c => c.Phone)).Order(StringComparer.Ordinal)];
        Assert.Equal(numbers, emergency.Select(n => n.Phone!).Order(StringComparer.Ordinal));
        Assert.Contains(emergency, n => n.Recipient.StartsWith("Trực ca NOC", StringComparison.Ordinal));
        List<OutboxEntry> mailed = [.. emergency.Where(n => n.Email is not null)];
        Assert.Equal(mailed.Count, mailed.Select(n => n.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(emergency.Where(n => n.Email is null), n => Assert.Equal(DeliveryStatus.NoAddress, n.Status));
        Assert.True(mailed.Min(n => n.SentAtUtc!.Value) <= notices.Where(n => n.Kind == NoticeKind.Details).Min(n => n.SentAtUtc!.Value) + TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(notices, n => n.Kind == NoticeKind.DicNotice); // the planned lead times do not apply
        Assert.Contains(notices, n => n.Kind == NoticeKind.SitesAtRisk); // SL II.2 step 3: Quan Hóa not ready 30 minutes before
        Assert.All(notices.Where(n => n.Email is not null), n => Assert.Equal(DeliveryStatus.Sent, n.Status));
    }
}
