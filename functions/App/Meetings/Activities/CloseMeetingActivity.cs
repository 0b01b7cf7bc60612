using Hntt.Domain.Meetings;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.App.Relay;
using Microsoft.DurableTask;

namespace Hntt.App.Meetings.Activities;

/// <summary>How a meeting closes: ended normally or cancelled, with the chair switches to report.</summary>
public sealed record CloseRequest(string MeetingId, MeetingSummary Meeting, bool Cancelled, bool Cascaded, IReadOnlyList<ChairSwitch> ChairSwitches, string? Reason = null)
{
    /// <summary>Obligations performed after their deadlines, for the report.</summary>
    public IReadOnlyList<LateObligation> Late { get; init; } = [];

    /// <summary>The version of the rules the meeting ran under, for the report.</summary>
    public string? RulesVersion { get; init; }
}

/// <summary>
/// After the meeting (SL II.1 step 7): tear the cascade down, ask the chair and the sites to evaluate quality and
/// keep their logbooks (TH Art. 4.3), send the report to DIC. On cancellation: tear down, tell everyone, free the rooms.
/// </summary>
internal sealed class CloseMeetingActivity(IRegistry registry, IMeetingStore store, INoticeSender sender, IRelayClient relay) : TaskActivity<CloseRequest, MeetingReport>
{
    public override async Task<MeetingReport> RunAsync(TaskActivityContext context, CloseRequest input)
    {
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        string? tearDownFailure = null;
        if (input.Cascaded)
        {
            try
            {
                await relay.TearDownAsync(input.MeetingId, view.Site(input.Meeting.ChairSiteId)?.McuId ?? input.Meeting.ChairSiteId, CancellationToken.None);
            }
            catch (RelayCommandFailedException ex)
            {
                tearDownFailure = ex.Message; // the rest of closing goes on; the workflow reports it
            }
        }

        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(input.MeetingId, CancellationToken.None);
        ReadinessCounts counts = FollowUpSitesActivity.Count(sites);
        IReadOnlyList<Incident> incidents = await store.ReadIncidentsAsync(input.MeetingId, CancellationToken.None);
        var report = new MeetingReport(counts, input.ChairSwitches, input.Meeting.LateNotice, input.Cancelled)
        {
            Incidents = incidents.Count,
            IncidentsResolved = incidents.Count(i => i.ResolvedAtUtc is not null),
            SpeakingRequests = (await store.ReadFloorAsync(input.MeetingId, CancellationToken.None)).Count,
            TearDownFailure = tearDownFailure,
            Late = input.Late,
            RulesVersion = input.RulesVersion,
        };
        NoticeKind kind = input.Cancelled ? NoticeKind.Cancellation : NoticeKind.EvaluationRequest;
        var (subject, action) = NoticeTexts.For(kind, input.Meeting, input.Reason);
        var notices = sites.SelectMany(s => view.OnDuty(s.SiteId, input.Meeting.HostUnitId)
            .Select(t => new Notice(input.MeetingId, kind, t.Name, t.Email, t.Phone, s.SiteId, subject, action) { Meeting = input.Meeting })).ToList();
        if (input.Cancelled)
        {
            // DIC, the telecom and the power company had the invitation: its cancellation takes it out of their calendars.
            notices.AddRange(NotifyAuthoritiesActivity.Recipients(view, new AuthorityNotice(input.MeetingId, input.Meeting, NoticeKind.Cancellation, input.Reason)));
        }

        string summary = (input.Cancelled ? $"Hội nghị đã hủy: {input.Reason}. " : string.Empty) + $"{counts.Sites} điểm cầu; kiểm thử lần 1 đạt {counts.FirstTestPassed}, lần 2 đạt {counts.SecondTestPassed}; " +
            $"nhắc {counts.Reminded}, báo cáo lãnh đạo {counts.Escalated}, chưa sẵn sàng {counts.AtRisk}; " +
            $"chuyển điểm cầu lên chủ tọa {input.ChairSwitches.Count} lần, chậm nhất {input.ChairSwitches.Select(c => c.Milliseconds).DefaultIfEmpty(0).Max():0} ms; " +
            $"sự cố {report.Incidents} (đã khắc phục {report.IncidentsResolved}); đăng ký phát biểu {report.SpeakingRequests}" +
            (input.Late.Count == 0 ? string.Empty : $"; việc trễ hạn: {string.Join(", ", input.Late.Select(l => $"{ObligationNames.Of(l.Kind).Vietnamese} trễ {l.LateBy.TotalMinutes:0} phút"))}") +
            (input.RulesVersion is { } rules ? $"; theo quy định {rules}." : ".");
        var (reportSubject, reportAction) = NoticeTexts.For(NoticeKind.MeetingReport, input.Meeting, summary);
        notices.AddRange(view.Dic.Select(u => new Notice(input.MeetingId, NoticeKind.MeetingReport, u.Name, u.Email, u.Phone, null, reportSubject, reportAction) { Meeting = input.Meeting }));
        try
        {
            await sender.SendAsync(notices, CancellationToken.None);
        }
        catch (Notices.Email.NoticeDeliveryException ex)
        {
            // The rest of closing must not wait for the mail server: the notices stay queued and the workflow redelivers them.
            report = report with { UndeliveredNotices = ex.Message };
        }

        if (input.Cancelled)
        {
            await store.ReleaseAsync(input.MeetingId, CancellationToken.None);
        }
        else
        {
            // TH Art. 4.3: every room's logbook gets this session, with the technicians on duty, to complete and sign.
            await store.OpenLogbookAsync(sites.Select(s => new LogbookEntry(s.SiteId, input.MeetingId, "official", input.Meeting.StartUtc, input.Meeting.EndUtc,
                view.OnDuty(s.SiteId, input.Meeting.HostUnitId).Select(t => t.Name).ToList())).ToList(), CancellationToken.None);
        }

        await store.SaveReportAsync(input.MeetingId, report, CancellationToken.None); // for the monthly and yearly reports (TH Art. 8.8, 12.2)
        return report;
    }
}
