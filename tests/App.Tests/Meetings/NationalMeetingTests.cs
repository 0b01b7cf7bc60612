using System.Diagnostics;
using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Xunit.Abstractions;

namespace Hntt.App.Tests.Meetings;

/// <summary>A national session of 10,000 sites: notices fan out in batches and the history stays small.</summary>
public sealed class NationalMeetingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_ten_thousand_site_meeting_escalates_exactly_the_ten_silent_sites_with_a_small_history()
    {
        RegistryData national = RegistrySeeds.National(10_000);
        var monday9 = new DateTime(2026, 11, 23, 9, 0, 0);
        var thursday8 = new DateTime(2026, 11, 26, 8, 0, 0);
        await using var bed = new MeetingTestBed(national, monday9);
        string[] satellites = [.. national.Sites.Where(s => s.Level != SiteLevel.Government).Select(s => s.Id)];
        string[] silent = [.. satellites.Where((_, i) => i % 1000 == 7)];
        var clock = Stopwatch.StartNew();

        await bed.SubmitAsync(new MeetingRequest("gov", "Hội nghị trực tuyến toàn quốc", MeetingKind.Planned, thursday8, thursday8.AddHours(3), new SiteSelection(SiteIds: satellites)));
        await bed.RunUntilAsync(thursday8.AddDays(-1));
        await bed.ReportAllAsync(ReadinessStage.FirstTest, silent);
        MeetingOutcome outcome = await bed.RunToEndAsync();
        int historyEvents = (await bed.Host.Client.GetOrchestrationHistoryAsync("meeting-1")).Count;
        output.WriteLine($"10,000 sites: {clock.Elapsed.TotalSeconds:0.0} s, {historyEvents} history events, {bed.Notices.Sent.Count} notices");

        Assert.Equal(9_999, outcome.Report!.Readiness.Sites);
        Assert.Equal(9_989, outcome.Report.Readiness.FirstTestPassed);
        IReadOnlyList<MeetingSite> sites = await bed.Store.ReadSitesAsync("meeting-1", default);
        Assert.Equal(silent.Order(), sites.Where(s => s.Escalated.Contains(ReadinessStage.FirstTest)).Select(s => s.SiteId).Order());
        Assert.Equal(silent.Length, bed.Sent(NoticeKind.Escalation).Count(n => n.Action.Contains("trước 1 ngày", StringComparison.Ordinal)));
        Assert.Equal(10_000, bed.Sent(NoticeKind.Details).Select(n => n.SiteId).Distinct().Count());
        Assert.InRange(historyEvents, 50, 600); // grows with batches (20 per fan-out) and obligations, not with sites or reports
    }
}
