using System.Diagnostics;
using Hntt.App.Meetings;
using Hntt.App.Notices;
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
                .AddSingleton<IMeetingStore>(store).AddSingleton<INoticeSender>(notices).AddSingleton<IRelayClient>(new RecordingRelayClient(time)).BuildServiceProvider();
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
}
