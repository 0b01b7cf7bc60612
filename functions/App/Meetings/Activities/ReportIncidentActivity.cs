using Hntt.App.Notices;
using Hntt.App.Registry;
using Microsoft.DurableTask;

namespace Hntt.App.Meetings.Activities;

/// <summary>A relay command that failed after every retry.</summary>
public sealed record RelayFailureNotice(string MeetingId, MeetingSummary Meeting, string What, string Reason);

/// <summary>The relay failed (cascade, chair switch, tear-down): DIC and the chair room's technicians are told at once, with the reason, to act by hand.</summary>
internal sealed class ReportRelayFailureActivity(IRegistry registry, INoticeSender sender) : TaskActivity<RelayFailureNotice, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RelayFailureNotice input)
    {
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        string subject = $"[HNTT] Lỗi điều khiển MCU — {input.Meeting.Title}";
        string action = $"{input.What} không thực hiện được: {input.Reason}. Xử lý trực tiếp trên MCU.";
        List<Notice> notices = view.Dic.Select(u => new Notice(input.MeetingId, NoticeKind.RelayFailure, u.Name, u.Email, u.Phone, null, subject, action) { Meeting = input.Meeting })
            .Concat(view.OnDuty(input.Meeting.ChairSiteId, input.Meeting.HostUnitId)
                .Select(t => new Notice(input.MeetingId, NoticeKind.RelayFailure, t.Name, t.Email, t.Phone, input.Meeting.ChairSiteId, subject, action) { Meeting = input.Meeting }))
            .ToList();
        await sender.SendAsync(notices, CancellationToken.None);
        return notices.Count;
    }
}

/// <summary>An incident to report.</summary>
public sealed record IncidentNotice(string MeetingId, MeetingSummary Meeting, string IncidentId);

/// <summary>SL II.1 step 6, TH Art. 11.2: an incident goes to PPC Office and DIC at once, naming the site and what happened.</summary>
internal sealed class ReportIncidentActivity(IRegistry registry, IMeetingStore store, INoticeSender sender) : TaskActivity<IncidentNotice, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, IncidentNotice input)
    {
        Incident? incident = (await store.ReadIncidentsAsync(input.MeetingId, CancellationToken.None)).FirstOrDefault(i => i.Id == input.IncidentId);
        if (incident is null)
        {
            return 0;
        }

        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        string site = view.Site(incident.SiteId)?.Name ?? incident.SiteId;
        string subject = $"[HNTT] Sự cố tại {site} — {input.Meeting.Title}";
        string action = $"{incident.Kind}: {incident.Description} (lúc {NoticeTexts.When(incident.ReportedAtUtc)}). Theo dõi khắc phục.";
        List<Notice> notices = view.PpcOffice.Concat(view.Dic)
            .Select(u => new Notice(input.MeetingId, NoticeKind.IncidentReport, u.Name, u.Email, u.Phone, incident.SiteId, subject, action) { Meeting = input.Meeting }).ToList();
        await sender.SendAsync(notices, CancellationToken.None);
        return notices.Count;
    }
}
