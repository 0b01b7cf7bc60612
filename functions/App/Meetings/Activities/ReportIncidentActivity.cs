using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.App.Registry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings.Activities;

/// <summary>A relay command that failed after every retry, or that went through later.</summary>
/// <param name="MeetingId">The meeting.</param>
/// <param name="Meeting">Its summary.</param>
/// <param name="What">The command, in words.</param>
/// <param name="Reason">Why it failed; for a recovery, when it went through.</param>
public sealed record RelayFailureNotice(string MeetingId, MeetingSummary Meeting, string What, string Reason);

/// <summary>The relay failed (cascade, chair switch, tear-down): DIC, the chair room's technicians and ops are told at once, with the reason, to act by hand.</summary>
internal sealed class ReportRelayFailureActivity(IRegistry registry, INoticeSender sender, IOptions<SmtpOptions> smtp) : TaskActivity<RelayFailureNotice, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, RelayFailureNotice input) => RelayNotices.SendAsync(registry, sender, smtp.Value, input,
        NoticeKind.RelayFailure, $"[HNTT] Lỗi điều khiển MCU — {input.Meeting.Title}", $"{input.What} không thực hiện được: {input.Reason}. Xử lý trực tiếp trên MCU.");
}

/// <summary>A command reported failed went through when the relay came back: the same people are told it is done and needs no hand any more.</summary>
internal sealed class ReportRelayRecoveredActivity(IRegistry registry, INoticeSender sender, IOptions<SmtpOptions> smtp) : TaskActivity<RelayFailureNotice, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, RelayFailureNotice input) => RelayNotices.SendAsync(registry, sender, smtp.Value, input,
        NoticeKind.RelayRecovered, $"[HNTT] Đã điều khiển được MCU — {input.Meeting.Title}",
        $"{input.What} đã thực hiện được khi relay kết nối lại ({input.Reason}). Không cần xử lý trực tiếp nữa; kiểm tra lại hình ảnh các điểm cầu.");
}

/// <summary>Who hears about the relay: DIC, the chair room's technicians on duty, and ops.</summary>
file static class RelayNotices
{
    public static async Task<int> SendAsync(IRegistry registry, INoticeSender sender, SmtpOptions smtp, RelayFailureNotice input, NoticeKind kind, string subject, string action)
    {
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        Notice To(string name, string? email, string? phone, string? siteId) => new(input.MeetingId, kind, name, email, phone, siteId, subject, action) { Meeting = input.Meeting };
        List<Notice> notices = [.. view.Dic.Select(u => To(u.Name, u.Email, u.Phone, null)),
            .. view.OnDuty(input.Meeting.ChairSiteId, input.Meeting.HostUnitId).Select(t => To(t.Name, t.Email, t.Phone, input.Meeting.ChairSiteId)),
            To("Ops", smtp.OpsAddress, null, null)];
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
