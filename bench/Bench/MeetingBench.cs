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
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Hntt.Testing.Service;

namespace Hntt.Bench;

/// <summary>
/// A national session of 10,000 sites through the whole meeting workflow on Azurite, in real time with the policy
/// compressed 1,440 times (a day in a minute): notices fanned out, 9,990 sites confirm, 10 are escalated, the report.
/// </summary>
internal static class MeetingBench
{
    const double Compression = 1440;

    public static async Task<(double Seconds, double ReportAfterEnd, int HistoryEvents, int Notices)> RunNationalMeetingAsync(string storage, int sites)
    {
        RegistryData national = RegistrySeeds.National(sites);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(WorkloadHost.Settings(storage, "national"))
        {
            ["Smtp:Host"] = "127.0.0.1",
        });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMeetingWorkflow(builder.Configuration);
        var notices = new RecordingNoticeSender(TimeProvider.System);
        builder.Services.AddSingleton<INoticeSender>(notices);
        RecordingRelayClient.StandIn(builder, TimeProvider.System);
        using IHost host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IRegistry>().LoadAsync(national, default);
        IMeetingStore store = host.Services.GetRequiredService<IMeetingStore>();
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        string[] satellites = [.. national.Sites.Where(s => s.Level != SiteLevel.Government).Select(s => s.Id)];
        // Two compressed days of notice (DIC, TH Art. 7.2) and a few seconds of margin; ten seconds of meeting.
        DateTime start = VietnamTime.ToLocal(DateTime.UtcNow.AddSeconds(TimeSpan.FromDays(2).TotalSeconds / Compression + 30));
        DateTime end = start.AddSeconds(10);

        var clock = Stopwatch.StartNew();
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration),
            new MeetingInput("national", new MeetingRequest("gov", "Hội nghị toàn quốc", MeetingKind.Planned, start, end, new SiteSelection(SiteIds: satellites)), "ThanhHoa", Compression),
            new StartOrchestrationOptions("national"));
        while (!notices.Sent.Any(n => n.Notice.Kind == NoticeKind.Details))
        {
            await Task.Delay(100);
        }

        // Every site but ten reports both test calls as soon as it knows of the meeting.
        await Parallel.ForEachAsync(satellites.Where((_, i) => i % 1000 != 7), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (site, ct) =>
        {
            await store.RecordAsync("national", site, ReadinessStage.FirstTest, new SiteCheck(true, true, null, DateTime.UtcNow), ct);
            await store.RecordAsync("national", site, ReadinessStage.SecondTest, new SiteCheck(true, true, null, DateTime.UtcNow), ct);
        });

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync("national", getInputsAndOutputs: true, patience.Token);
        double seconds = clock.Elapsed.TotalSeconds;
        if (done.ReadOutputAs<MeetingOutcome>()?.Report?.Readiness.Escalated != 10)
        {
            throw new InvalidOperationException($"The national meeting did not escalate exactly the ten silent sites: {done.SerializedOutput ?? done.FailureDetails?.ToString()}");
        }

        double afterEnd = (done.LastUpdatedAt.UtcDateTime - VietnamTime.ToUtc(end)).TotalSeconds;
        int history = (await client.GetOrchestrationHistoryAsync("national")).Count;
        await host.StopAsync();
        return (seconds, afterEnd, history, notices.Sent.Count);
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
        var batch = new SendSiteNoticesActivity(new InMemoryRegistry(national), store, sender);
        var meeting = new MeetingSummary("gov", "Hội nghị toàn quốc", MeetingKind.Planned, DateTime.UtcNow.AddDays(3), DateTime.UtcNow.AddDays(3).AddHours(3), "gov-room", satellites.Length, null);
        const int Batches = 20;
        var clock = Stopwatch.StartNew();
        int[] sent = await Task.WhenAll(Enumerable.Range(0, Batches).Select(b =>
            batch.RunAsync(new BenchActivityContext(), new SiteNoticeBatch("m", meeting, NoticeKind.Details, b, Batches))));
        int total = sent.Sum();
        while ((await maildev.MessagesAsync()).Count < total)
        {
            await Task.Delay(100);
        }

        return (clock.Elapsed.TotalSeconds, total);
    }
}

/// <summary>What an activity knows of its call, when the benchmark calls it directly.</summary>
internal sealed class BenchActivityContext : TaskActivityContext
{
    public override TaskName Name => nameof(SendSiteNoticesActivity);

    public override string InstanceId => "m";
}
