using System.Diagnostics;
using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.Testing;
using Microsoft.Extensions.Options;
using Hntt.App.Registry;
using Hntt.App.Relay;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Hntt.Durable;
using Hntt.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.Durable.Bench;

/// <summary>
/// A national session of 10,000 sites through the whole meeting workflow: notices fanned out, 9,990 sites confirm,
/// 10 are escalated. Runs on the in-memory hub with virtual time, so the figure is the workflow's own cost
/// (orchestration, activities, per-site state), not Azurite's.
/// </summary>
internal static class MeetingBench
{
    public static async Task<(double Seconds, int HistoryEvents, int Notices)> RunNationalMeetingAsync(int sites)
    {
        RegistryData national = RegistrySeeds.National(sites);
        var store = new InMemoryMeetingStore();
        RecordingNoticeSender? notices = null;
        var monday9 = new DateTime(2026, 11, 23, 9, 0, 0);
        var thursday8 = new DateTime(2026, 11, 26, 8, 0, 0);
        var host = new DurableTestHost(r => r.AddAllFrom(typeof(MeetingOrchestration).Assembly), new DateTimeOffset(VietnamTime.ToUtc(monday9), TimeSpan.Zero), time =>
        {
            notices = new RecordingNoticeSender(time);
            return new ServiceCollection().AddLogging().AddSingleton(time).AddSingleton<IRegistry>(new InMemoryRegistry(national))
                .AddSingleton<IMeetingDirectory>(new InMemoryMeetingDirectory()).AddSingleton<IMeetingStore>(store).AddSingleton<INoticeSender>(notices).AddSingleton<IRelayClient>(new RecordingRelayClient(time)).BuildServiceProvider();
        });
        string[] satellites = [.. national.Sites.Where(s => s.Level != SiteLevel.Government).Select(s => s.Id)];
        var clock = Stopwatch.StartNew();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration),
            new MeetingInput("national", new MeetingRequest("gov", "Hội nghị toàn quốc", MeetingKind.Planned, thursday8, thursday8.AddHours(3), new SiteSelection(SiteIds: satellites))),
            new StartOrchestrationOptions("national"));
        await host.RunUntilIdleAsync(new DateTimeOffset(VietnamTime.ToUtc(thursday8.AddDays(-1)), TimeSpan.Zero));
        foreach (string site in satellites.Where((_, i) => i % 1000 != 7))
        {
            await store.RecordAsync("national", site, ReadinessStage.FirstTest, new SiteCheck(true, true, null, host.Now.UtcDateTime), default);
            await store.RecordAsync("national", site, ReadinessStage.SecondTest, new SiteCheck(true, true, null, host.Now.UtcDateTime), default);
        }

        OrchestrationMetadata done = await host.RunUntilCompletedAsync("national");
        double seconds = clock.Elapsed.TotalSeconds;
        if (done.ReadOutputAs<MeetingOutcome>()?.Report?.Readiness.Escalated != 10)
        {
            throw new InvalidOperationException("The national meeting did not escalate exactly the ten silent sites.");
        }

        return (seconds, (await host.Client.GetOrchestrationHistoryAsync("national")).Count, notices!.Sent.Count);
    }

    /// <summary>
    /// The Details notices of a meeting of <paramref name="sites"/> sites, by e-mail into a real SMTP server
    /// (maildev), through the workflow's own batch activity, 20 batches at once as the orchestration fans them out.
    /// </summary>
    public static async Task<(double Seconds, int Messages)> DeliverNoticesAsync(int sites)
    {
        await using MaildevServer maildev = await MaildevServer.StartAsync();
        RegistryData national = RegistrySeeds.National(sites);
        var store = new InMemoryMeetingStore();
        string[] satellites = [.. national.Sites.Where(s => s.Level != SiteLevel.Government).Select(s => s.Id)];
        await store.AddSitesAsync([new MeetingSite("m", "gov-room", SiteRole.Chair), .. satellites.Select(s => new MeetingSite("m", s, SiteRole.Satellite))], default);
        IOptions<SmtpOptions> smtp = Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = maildev.SmtpPort, Security = SmtpSecurity.None });
        var sender = new EmailNoticeSender(new SmtpMailTransport(smtp), new InMemoryNoticeOutbox(), smtp, TimeProvider.System);
        ITaskActivity batch = new SendSiteNoticesActivity(new InMemoryRegistry(national), store, sender);
        var meeting = new MeetingSummary("gov", "Hội nghị toàn quốc", MeetingKind.Planned, DateTime.UtcNow.AddDays(3), DateTime.UtcNow.AddDays(3).AddHours(3), "gov-room", satellites.Length, null);
        const int Batches = 20;
        var clock = Stopwatch.StartNew();
        object?[] sent = await Task.WhenAll(Enumerable.Range(0, Batches).Select(b =>
            batch.RunAsync(new TaskActivityContext(nameof(SendSiteNoticesActivity), "m", b), new SiteNoticeBatch("m", meeting, NoticeKind.Details, b, Batches))));
        int total = sent.Sum(n => (int)n!);
        while ((await maildev.MessagesAsync()).Count < total)
        {
            await Task.Delay(100);
        }

        return (clock.Elapsed.TotalSeconds, total);
    }
}
