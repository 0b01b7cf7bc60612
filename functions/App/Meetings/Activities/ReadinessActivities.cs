using Hntt.App.Notices;
using Hntt.App.Registry;
using Microsoft.DurableTask;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings.Activities;

/// <summary>What to do about the sites that have not confirmed a stage by its deadline.</summary>
public sealed record FollowUp(string MeetingId, MeetingSummary Meeting, ReadinessStage Stage, SiteMark Mark);

/// <summary>
/// Reads the sites' state at a deadline and acts on the ones missing: a reminder to their technicians, an
/// escalation to their unit, or the at-risk list to the chair room and DIC (SL II.1 step 5). One activity
/// whatever the number of sites: the history records the counts, not the sites.
/// </summary>
internal sealed class FollowUpSitesActivity(IRegistry registry, IMeetingStore store, INoticeSender sender) : TaskActivity<FollowUp, ReadinessCounts>
{
    public override async Task<ReadinessCounts> RunAsync(TaskActivityContext context, FollowUp input)
    {
        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(input.MeetingId, CancellationToken.None);
        List<MeetingSite> missing = sites.Where(s => s.Role == SiteRole.Satellite && !s.Confirmed(input.Stage)).ToList();
        if (missing.Count > 0)
        {
            var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
            string stage = StageText(input.Stage);
            List<Notice> notices = input.Mark switch
            {
                SiteMark.Reminded => missing.SelectMany(s => view.OnDuty(s.SiteId, input.Meeting.HostUnitId).Select(t =>
                    Notice(input, NoticeKind.Reminder, t.Name, t.Email, t.Phone, s.SiteId, stage))).ToList(),
                SiteMark.Escalated => missing.Select(s => view.Site(s.SiteId) is { } site && view.Unit(site.UnitId) is { } unit
                    ? Notice(input, NoticeKind.Escalation, unit.Name, unit.Email, unit.Phone, s.SiteId, $"{site.Name}: {stage}") : null).OfType<Notice>().ToList(),
                _ => AtRiskNotices(input, view, missing),
            };
            await sender.SendAsync(notices, CancellationToken.None);
            await store.MarkAsync(input.MeetingId, missing.Select(s => s.SiteId).ToList(), input.Mark, input.Stage, CancellationToken.None);
            var marked = missing.Select(s => s.SiteId).ToHashSet();
            sites = sites.Select(s => marked.Contains(s.SiteId) ? s.Marked(input.Mark, input.Stage) : s).ToList(); // no second read of every row
        }

        return Count(sites);
    }

    static List<Notice> AtRiskNotices(FollowUp input, RegistryView view, List<MeetingSite> missing)
    {
        string names = string.Join(", ", missing.Take(50).Select(s => view.Site(s.SiteId)?.Name ?? s.SiteId)) + (missing.Count > 50 ? $" và {missing.Count - 50} điểm cầu khác" : string.Empty);
        IEnumerable<(string Name, string? Email, string? Phone)> recipients = view.OnDuty(input.Meeting.ChairSiteId, input.Meeting.HostUnitId)
            .Select(t => (t.Name, (string?)t.Email, (string?)t.Phone))
            .Concat(view.Dic.Select(u => (u.Name, u.Email, u.Phone)));
        return recipients.Select(r => Notice(input, NoticeKind.SitesAtRisk, r.Name, r.Email, r.Phone, null, names)).ToList();
    }

    static Notice Notice(FollowUp input, NoticeKind kind, string name, string? email, string? phone, string? siteId, string detail)
    {
        var (subject, action) = NoticeTexts.For(kind, input.Meeting, detail);
        return new Notice(input.MeetingId, kind, name, email, phone, siteId, subject, action) { Meeting = input.Meeting };
    }

    static string StageText(ReadinessStage stage) => stage switch
    {
        ReadinessStage.FirstTest => "kiểm thử trước 1 ngày",
        ReadinessStage.SecondTest => "kiểm thử trước 1 giờ",
        ReadinessStage.Rehearsal => "tổng duyệt nội bộ trước 2 giờ (âm thanh, hình ảnh, trình chiếu, bố cục MCU)",
        _ => "xác nhận sẵn sàng",
    };

    internal static ReadinessCounts Count(IReadOnlyList<MeetingSite> sites)
    {
        List<MeetingSite> satellites = sites.Where(s => s.Role == SiteRole.Satellite).ToList();
        return new ReadinessCounts(satellites.Count,
            satellites.Count(s => s.FirstTest?.Passed == true),
            satellites.Count(s => s.SecondTest?.Passed == true),
            satellites.Count(s => s.Ready?.Passed == true),
            satellites.Count(s => s.Reminded.Count > 0),
            satellites.Count(s => s.Escalated.Count > 0),
            satellites.Count(s => s.AtRisk)) { Rehearsed = satellites.Count(s => s.Rehearsal?.Passed == true) };
    }
}
