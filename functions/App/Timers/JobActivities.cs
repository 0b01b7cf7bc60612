using System.Globalization;
using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Hntt.App.Timers;

/// <summary>The morning digest: today's and tomorrow's meetings, to DIC and PPC Office, in local time.</summary>
internal sealed class MorningDigestActivity(IMeetingDirectory directory, IRegistry registry, INoticeSender sender) : TaskActivity<ScheduledJobInput, string>
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public override async Task<string> RunAsync(TaskActivityContext context, ScheduledJobInput input)
    {
        DateTime today = VietnamTime.ToLocal(input.OccurrenceUtc).Date;
        IReadOnlyList<MeetingEntry> meetings = (await directory.StartingAsync(VietnamTime.ToUtc(today), VietnamTime.ToUtc(today.AddDays(2)), CancellationToken.None))
            .Where(m => m.Phase is not (MeetingPhase.Cancelled or MeetingPhase.Rejected)).ToList();
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        List<string> lines = meetings.Count == 0
            ? ["Không có hội nghị nào trong hôm nay và ngày mai."]
            : [.. meetings.Select(m => $"- {VietnamTime.ToLocal(m.StartUtc).ToString("HH:mm dddd dd/MM", Vietnamese)}: {m.Title} — chủ tọa {view.Site(m.ChairSiteId ?? string.Empty)?.Name ?? m.ChairSiteId}, {m.SiteCount} điểm cầu ({m.Phase})")];
        string subject = $"[HNTT] Lịch hội nghị hôm nay và ngày mai ({today:dd/MM/yyyy})";
        List<Notice> notices = [.. view.Dic.Concat(view.PpcOffice).Select(u => new Notice($"digest-{today:yyyyMMdd}", NoticeKind.DailyDigest, u.Name, u.Email, u.Phone, null,
            subject, $"Xem lịch {meetings.Count} hội nghị và chuẩn bị") { Lines = lines, LinkPath = "/meetings" })];
        await sender.SendAsync(notices, CancellationToken.None);
        return $"{meetings.Count} meetings to {notices.Count} recipients";
    }
}

/// <summary>
/// The readiness sweep: a meeting of the next 24 hours whose orchestration is not running (failed, terminated,
/// suspended, or never started) has nobody watching its deadlines, so ops are told at once.
/// </summary>
internal sealed class ReadinessSweepActivity(IMeetingDirectory directory, DurableTaskClient client, INoticeSender sender, IOptions<SmtpOptions> smtp)
    : TaskActivity<ScheduledJobInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ScheduledJobInput input)
    {
        var stalled = new List<string>();
        foreach (MeetingEntry meeting in await directory.StartingAsync(input.OccurrenceUtc, input.OccurrenceUtc.AddDays(1), CancellationToken.None))
        {
            if (meeting.Phase.IsFinal())
            {
                continue;
            }

            OrchestrationMetadata? instance = await client.GetInstanceAsync(meeting.MeetingId);
            if (instance is null || instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Suspended)
            {
                stalled.Add($"- {meeting.MeetingId}: {meeting.Title}, {VietnamTime.ToLocal(meeting.StartUtc):HH:mm dd/MM} — quy trình {instance?.RuntimeStatus.ToString() ?? "chưa chạy"}");
            }
        }

        if (stalled.Count > 0)
        {
            await sender.SendAsync([new Notice($"sweep-{input.OccurrenceUtc:yyyyMMddHHmm}", NoticeKind.WorkflowStalled, "Ops", smtp.Value.OpsAddress, null, null,
                $"[HNTT] {stalled.Count} hội nghị sắp diễn ra không còn quy trình theo dõi", "Kiểm tra và khởi động lại quy trình hoặc theo dõi thủ công")
            { Lines = stalled, LinkPath = "/ops" }], CancellationToken.None);
        }

        return $"{stalled.Count} meetings without a running workflow";
    }
}

/// <summary>TH Art. 8.2–8.3: every site has two active technicians, each with a phone and an e-mail; gaps go to DIC.</summary>
internal sealed class RegistryCheckActivity(IRegistry registry, INoticeSender sender) : TaskActivity<ScheduledJobInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ScheduledJobInput input)
    {
        RegistryData data = await registry.ReadAsync(CancellationToken.None);
        List<string> gaps = RegistryGaps.Find(data);
        if (gaps.Count > 0)
        {
            var view = new RegistryView(data);
            string subject = $"[HNTT] Danh sách kỹ thuật viên chưa đủ: {gaps.Count} điểm cầu (TH Điều 8.2–8.3)";
            await sender.SendAsync([.. view.Dic.Select(u => new Notice($"registry-check-{input.OccurrenceUtc:yyyyMMdd}", NoticeKind.RegistryGaps, u.Name, u.Email, u.Phone, null,
                subject, "Bổ sung kỹ thuật viên và thông tin liên hệ") { Lines = [.. gaps.Take(500)], LinkPath = "/registry" })], CancellationToken.None);
        }

        return $"{gaps.Count} sites incomplete";
    }
}


/// <summary>
/// TH Art. 8.8, 12.2: at year end DIC aggregates the network's effectiveness for the PPC. The job makes the year's
/// draft report — the Word document with its figures and charts — keeps it in blob storage (<c>reports/</c>), and
/// sends DIC and PPC Office the headline figures and the link to the report page, where it is downloaded to sign.
/// </summary>
internal sealed class YearEndReportActivity(IRegistry registry, Reports.ReportReader reader, Hntt.TaskHub.StorageConnection storage, INoticeSender sender)
    : TaskActivity<ScheduledJobInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ScheduledJobInput input)
    {
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        int year = VietnamTime.ToLocal(input.OccurrenceUtc).Year;
        Reports.NetworkReport report = await reader.ReadAsync(new Reports.ReportPeriod(year), CancellationToken.None);
        byte[] document = Reports.ReportDocument.Docx(report, Reports.ReportCharts.For(report));
        var drafts = storage.Blobs().GetBlobContainerClient("reports");
        await drafts.CreateIfNotExistsAsync();
        string name = $"{year}/{Api.Reports.ReportEndpoints.FileName(report.Period)}";
        await drafts.GetBlobClient(name).UploadAsync(new BinaryData(document), overwrite: true);
        List<string> lines = [.. Reports.ReportDocument.Sections(report).Take(4).SelectMany(s => s.Rows.Take(4).Select(r => $"- {r.Label}: {r.Value}"))];
        List<Notice> notices = [.. view.Dic.Concat(view.PpcOffice).Select(u => new Notice($"year-end-{year}", NoticeKind.YearEndReport, u.Name, u.Email, u.Phone, null,
            $"[HNTT] Dự thảo báo cáo hiệu quả hệ thống hội nghị truyền hình năm {year} (TH Điều 8.8, 12.2)",
            "Xem, hoàn thiện và ký báo cáo; tổng hợp báo cáo của các đơn vị gửi UBND tỉnh") { Lines = lines, LinkPath = $"/reports?year={year}" })];
        await sender.SendAsync(notices, CancellationToken.None);
        return $"draft reports/{name} ({document.Length} bytes), sent to {notices.Count} recipients";
    }
}
