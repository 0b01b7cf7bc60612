using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using MimeKit;

namespace Hntt.App.Notices.Email;

/// <summary>
/// Turns a notice into an e-mail: the id that makes it exactly-once, the Vietnamese (or English) text with local
/// times and the weekday, the chair room, the script and documents, the one thing to do with a link to do it,
/// and the calendar invitation for the kinds that place the meeting in a calendar.
/// </summary>
public static partial class NoticeMessages
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A notice's id: the same notice (meeting, kind, recipient, site, revision, what it asks) always gets the same id.</summary>
    public static string Id(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        string key = string.Join('\u001f', notice.MeetingId, notice.Kind, notice.Email ?? notice.RecipientName, notice.SiteId, notice.Meeting?.Revision, notice.Action);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <summary>The e-mail for a notice.</summary>
    public static MimeMessage Build(Notice notice, string noticeId, SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(smtp);
        bool english = smtp.Language == "en";
        string email = notice.Email ?? throw new ArgumentException("The notice has no e-mail address.", nameof(notice));
        string domain = smtp.FromAddress[(smtp.FromAddress.LastIndexOf('@') + 1)..];
        var message = new MimeMessage { MessageId = $"{noticeId}@{domain}", Subject = english ? EnglishSubject(notice) : notice.Subject };
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        message.To.Add(new MailboxAddress(notice.RecipientName, email));
        message.Headers.Add("X-HNTT-Notice", noticeId);
        message.Headers.Add("Auto-Submitted", "auto-generated"); // RFC 3834: no out-of-office replies to the service
        var text = new TextPart("plain") { Text = english ? EnglishText(notice, smtp) : VietnameseText(notice, smtp) };
        if (notice.Meeting is not { } meeting || notice.Kind is not (NoticeKind.Details or NoticeKind.Reschedule or NoticeKind.Cancellation))
        {
            message.Body = text;
            return message;
        }

        // The invitation as mail clients look for it: text/calendar with its method beside the text in multipart/alternative
        // (Outlook and Gmail then offer Accept/Decline or remove the event), and the same .ics attached for the rest.
        bool cancel = notice.Kind == NoticeKind.Cancellation;
        byte[] ics = Encoding.UTF8.GetBytes(CalendarInvite.Create(notice.MeetingId, meeting, cancel, smtp.FromAddress, email, notice.RecipientName));
        var calendar = new MimePart("text", "calendar") { Content = new MimeContent(new MemoryStream(ics)), ContentTransferEncoding = ContentEncoding.Base64 };
        calendar.ContentType.Parameters.Add("method", cancel ? "CANCEL" : "REQUEST");
        calendar.ContentType.Charset = "utf-8";
        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(ics)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = cancel ? "cancel.ics" : "invite.ics",
        };
        message.Body = new Multipart("mixed") { new MultipartAlternative { text, calendar }, attachment };
        return message;
    }

    /// <summary>Where the recipient does what the notice asks.</summary>
    public static string Link(Notice notice, SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(smtp);
        if (notice.LinkPath is { } path)
        {
            return $"{smtp.PublicBaseUrl.TrimEnd('/')}{path}";
        }

        // A room's technicians act on their meeting page (/site/{id}); everyone else on the meeting's page.
        return $"{smtp.PublicBaseUrl.TrimEnd('/')}/{(notice.SiteId is null ? "meetings" : "site")}/{Uri.EscapeDataString(notice.MeetingId)}";
    }

    static string VietnameseText(Notice notice, SmtpOptions smtp)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Kính gửi {OneLine(notice.RecipientName)},\n\n");
        if (notice.Meeting is { } m)
        {
            text.Append(CultureInfo.InvariantCulture, $"Hội nghị: {OneLine(m.Title)}\n");
            text.Append(CultureInfo.InvariantCulture, $"Thời gian: {Local(m.StartUtc, "HH:mm dddd, dd/MM/yyyy", Vietnamese)} – {Local(m.EndUtc, "HH:mm", Vietnamese)} (giờ Việt Nam)\n");
            text.Append(CultureInfo.InvariantCulture, $"Điểm cầu chủ tọa: {OneLine(m.ChairSiteName ?? m.ChairSiteId)}\n");
            AppendLinks(text, m, "Kịch bản", "Tài liệu");
        }

        AppendLines(text, notice);
        text.Append(CultureInfo.InvariantCulture, $"\nViệc cần làm: {OneLine(notice.Action)}\nThực hiện tại: {Link(notice, smtp)}\n\n");
        text.Append("Thư này do hệ thống điều phối hội nghị truyền hình trực tuyến gửi tự động.\n");
        return text.ToString();
    }

    static string EnglishText(Notice notice, SmtpOptions smtp)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Dear {OneLine(notice.RecipientName)},\n\n");
        if (notice.Meeting is { } m)
        {
            text.Append(CultureInfo.InvariantCulture, $"Meeting: {OneLine(m.Title)}\n");
            text.Append(CultureInfo.InvariantCulture, $"Time: {Local(m.StartUtc, "HH:mm dddd, dd/MM/yyyy", English)} – {Local(m.EndUtc, "HH:mm", English)} (Vietnam time)\n");
            text.Append(CultureInfo.InvariantCulture, $"Chair site: {OneLine(m.ChairSiteName ?? m.ChairSiteId)}\n");
            AppendLinks(text, m, "Script", "Documents");
        }

        AppendLines(text, notice);
        text.Append(CultureInfo.InvariantCulture, $"\nTo do: {EnglishAction(notice.Kind)} ({OneLine(notice.Action)})\nDo it at: {Link(notice, smtp)}\n\n");
        text.Append("This message was sent by the video-conference workflow service.\n");
        return text.ToString();
    }

    // What people typed (titles, reasons, incident texts) stays on its own line: a line break in it cannot start a line
    // of the official notice, such as a fake "Thực hiện tại:" link.
    static string OneLine(string? value) => Whitespace().Replace(value ?? string.Empty, " ").Trim();

    [GeneratedRegex(@"[\p{C}\s]+")]
    private static partial Regex Whitespace();

    static void AppendLines(StringBuilder text, Notice notice)
    {
        foreach (string line in notice.Lines)
        {
            text.Append(OneLine(line)).Append('\n');
        }
    }

    static void AppendLinks(StringBuilder text, MeetingSummary m, string script, string documents)
    {
        if (m.ScriptUrl is { } url)
        {
            text.Append(CultureInfo.InvariantCulture, $"{script}: {OneLine(url)}\n");
        }

        if (m.DocumentUrls.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{documents}: {OneLine(string.Join(", ", m.DocumentUrls))}\n");
        }
    }

    static string Local(DateTime utc, string format, CultureInfo culture) => VietnamTime.ToLocal(utc).ToString(format, culture);

    static string EnglishSubject(Notice notice) => $"[HNTT] {EnglishKind(notice.Kind)}: {notice.Meeting?.Title ?? notice.MeetingId}";

    static string EnglishKind(NoticeKind kind) => kind switch
    {
        NoticeKind.Details => "Meeting details",
        NoticeKind.DicNotice => "Meeting plan",
        NoticeKind.TelecomAndPowerNotice => "Assure lines and power",
        NoticeKind.EmergencyNotice => "EMERGENCY meeting",
        NoticeKind.TestCallRequest => "Test call",
        NoticeKind.Reminder => "Reminder: test result missing",
        NoticeKind.Escalation => "Site not ready",
        NoticeKind.SitesAtRisk => "Sites at risk",
        NoticeKind.Reschedule => "Meeting moved",
        NoticeKind.Cancellation => "Meeting cancelled",
        NoticeKind.EvaluationRequest => "Evaluate the session",
        NoticeKind.MeetingReport => "Meeting report",
        NoticeKind.IncidentReport => "Incident",
        NoticeKind.DailyDigest => "Today's and tomorrow's meetings",
        NoticeKind.WorkflowStalled => "Meeting workflow not running",
        NoticeKind.RegistryGaps => "Technician registry incomplete",
        NoticeKind.TechnicianReplaced => "Technician replaced: training needed",
        NoticeKind.YearEndReport => "Year-end effectiveness report due",
        NoticeKind.FindingReminder => "Inspection finding: fix due",
        NoticeKind.FindingOverdue => "Inspection finding: fix OVERDUE",
        _ => "Notice",
    };

    static string EnglishAction(NoticeKind kind) => kind switch
    {
        NoticeKind.Details => "assign technicians and run the test calls as scheduled",
        NoticeKind.TestCallRequest => "run the audio and video test with the chair site and report the result",
        NoticeKind.Reminder => "report the test result now",
        NoticeKind.Escalation => "have the site's technicians test and report now",
        NoticeKind.Reschedule => "note the new time and test again on the new schedule",
        NoticeKind.Cancellation => "remove the meeting from your schedule",
        NoticeKind.EvaluationRequest => "evaluate the session's quality and complete the logbook",
        _ => "see below",
    };
}
