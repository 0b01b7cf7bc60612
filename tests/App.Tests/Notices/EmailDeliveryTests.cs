using System.Text.Json;
using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.Domain.Meetings;
using Hntt.Testing;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Options;
using MimeKit;
using Hntt.Testing.Service;

namespace Hntt.App.Tests.Notices;

/// <summary>Notices into a real SMTP server (maildev): recipients, Vietnamese text, calendar invitations, exactly once.</summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    static readonly MeetingSummary Meeting = new("th-ubnd", "Hội nghị giao ban trực tuyến", MeetingKind.Planned,
        VietnamTime.ToUtc(new DateTime(2026, 11, 26, 8, 0, 0)), VietnamTime.ToUtc(new DateTime(2026, 11, 26, 11, 30, 0)), "th-p-ubnd", 28, null)
    {
        ChairSiteName = "Phòng họp trực tuyến Văn phòng UBND tỉnh",
        ScriptUrl = "https://example.gov.vn/kich-ban.pdf",
        DocumentUrls = ["https://example.gov.vn/tai-lieu-1.pdf"],
    };

    MaildevServer maildev = null!;

    public async Task InitializeAsync() => maildev = await MaildevServer.StartAsync();

    public async Task DisposeAsync() => await maildev.DisposeAsync();

    static SmtpOptions Smtp(int port) => new() { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, FromAddress = "hntt@thanhhoa.example.gov.vn" };

    static (EmailNoticeSender Sender, InMemoryNoticeOutbox Outbox) Sender(int port)
    {
        var outbox = new InMemoryNoticeOutbox();
        IOptions<SmtpOptions> options = Options.Create(Smtp(port));
        return (new EmailNoticeSender(new SmtpMailTransport(options), outbox, options, TimeProvider.System), outbox);
    }

    static Notice Details(string meetingId, MeetingSummary meeting, string email, NoticeKind kind = NoticeKind.Details)
    {
        var (subject, action) = NoticeTexts.For(kind, meeting);
        return new Notice(meetingId, kind, "Lê Thị Bình", email, "0913000012", "th-d-nga-son", subject, action) { Meeting = meeting };
    }

    async Task<(JsonElement Json, MimeMessage Message, CalendarEvent Invite, Calendar Calendar)> LastAsync()
    {
        JsonElement json = (await maildev.MessagesAsync())[^1];
        MimeMessage message = await MimeMessage.LoadAsync(await maildev.SourceAsync(json.GetProperty("id").GetString()!));
        MimePart ics = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        Calendar calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        return (json, message, calendar.Events!.Single(), calendar);
    }

    [Fact]
    public async Task Meeting_details_arrive_in_Vietnamese_with_local_times_and_a_calendar_invitation()
    {
        var (sender, outbox) = Sender(maildev.SmtpPort);

        await sender.SendAsync([Details("m-42", Meeting, "kt2.th-d-nga-son@th.example.gov.vn")], default);
        var (json, message, invite, calendar) = await LastAsync();

        Assert.Equal("kt2.th-d-nga-son@th.example.gov.vn", json.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.StartsWith("[HNTT] Hội nghị giao ban trực tuyến — 08:00 Thứ Năm, 26/11/2026", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Kính gửi Lê Thị Bình", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("08:00 Thứ Năm, 26/11/2026 – 11:30 (giờ Việt Nam)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Phòng họp trực tuyến Văn phòng UBND tỉnh", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://example.gov.vn/kich-ban.pdf", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("/site/m-42", message.TextBody, StringComparison.Ordinal);
        OutboxEntry entry = Assert.Single(await outbox.ReadAsync("m-42", default));
        Assert.Equal($"{entry.NoticeId}@thanhhoa.example.gov.vn", message.MessageId); // the sender's domain
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("kt2.th-d-nga-son@th.example.gov.vn", Assert.Single(invite.Attendees).Value?.ToString().Replace("mailto:", "", StringComparison.OrdinalIgnoreCase)); // RFC 5546
        MultipartAlternative alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<Multipart>(message.Body)[0]); // where Outlook and Gmail look
        Assert.Equal(["text/plain", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("REQUEST", alternative[1].ContentType.Parameters["method"]);
        Assert.Equal(DeliveryStatus.Sent, entry.Status);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("m-42@hntt", invite.Uid);
        Assert.Equal(0, invite.Sequence);
        Assert.Equal("Asia/Ho_Chi_Minh", invite.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 11, 26, 8, 0, 0), invite.DtStart.Value);
        Assert.Equal(2, invite.Alarms.Count); // TH Art. 11.1: the two test calls
    }

    [Fact]
    public async Task A_reschedule_raises_the_SEQUENCE_and_a_cancellation_sends_METHOD_CANCEL_with_the_same_UID()
    {
        var (sender, _) = Sender(maildev.SmtpPort);
        MeetingSummary moved = Meeting with { StartUtc = Meeting.StartUtc.AddDays(1), EndUtc = Meeting.EndUtc.AddDays(1), Revision = 1 };

        await sender.SendAsync([Details("m-43", Meeting, "a@th.example.gov.vn")], default);
        await sender.SendAsync([Details("m-43", moved, "a@th.example.gov.vn", NoticeKind.Reschedule)], default);
        var (_, _, rescheduled, _) = await LastAsync();
        await sender.SendAsync([Details("m-43", moved, "a@th.example.gov.vn", NoticeKind.Cancellation)], default);
        var (_, _, cancelled, calendar) = await LastAsync();

        Assert.Equal(("m-43@hntt", 1, 27), (rescheduled.Uid, rescheduled.Sequence, rescheduled.DtStart!.Day));
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("m-43@hntt", cancelled.Uid);
        Assert.True(cancelled.Sequence > rescheduled.Sequence, "RFC 5546: a CANCEL's SEQUENCE rises above the REQUEST's");
        Assert.Equal("CANCELLED", cancelled.Status);
    }

    [Fact]
    public async Task Sending_the_same_notices_twice_delivers_each_once()
    {
        var (sender, outbox) = Sender(maildev.SmtpPort);
        Notice[] notices = [Details("m-44", Meeting, "x@th.example.gov.vn"), Details("m-44", Meeting, "y@th.example.gov.vn")];

        await sender.SendAsync(notices, default);
        await sender.SendAsync(notices, default); // an activity that ran twice

        Assert.Equal(2, (await maildev.MessagesAsync()).Count);
        Assert.All(await outbox.ReadAsync("m-44", default), e => Assert.Equal(DeliveryStatus.Sent, e.Status));
    }

    [Fact]
    public async Task A_dead_mail_server_fails_with_the_reason_and_nothing_is_lost_once_it_returns()
    {
        int deadPort = FreePorts.Take(1)[0];
        var (sender, outbox) = Sender(deadPort);
        Notice[] notices = [Details("m-45", Meeting, "x@th.example.gov.vn"), Details("m-45", Meeting, "y@th.example.gov.vn")];

        await Assert.ThrowsAsync<NoticeDeliveryException>(() => sender.SendAsync(notices, default));
        IReadOnlyList<OutboxEntry> failed = await outbox.ReadAsync("m-45", default);
        Assert.All(failed, e => Assert.Equal((DeliveryStatus.Failed, 1), (e.Status, e.Attempts)));
        Assert.All(failed, e => Assert.Contains("SocketException", e.LastError, StringComparison.Ordinal));
        Assert.Equal(2, await sender.RedeliverAsync("m-45", default)); // still down

        await using MaildevServer back = await MaildevServer.StartAsync(deadPort);
        int left = await sender.RedeliverAsync("m-45", default);

        Assert.Equal(0, left);
        Assert.Equal(["x@th.example.gov.vn", "y@th.example.gov.vn"], (await back.MessagesAsync()).Select(m => m.GetProperty("to")[0].GetProperty("address").GetString()).Order());
        Assert.All(await outbox.ReadAsync("m-45", default), e => Assert.Equal(DeliveryStatus.Sent, e.Status));
    }

    [Fact]
    public async Task Every_kind_of_notice_reads_in_mailparser_and_its_invitation_in_ical_js()
    {
        var (sender, outbox) = Sender(maildev.SmtpPort);
        MeetingSummary moved = Meeting with { StartUtc = Meeting.StartUtc.AddDays(1), EndUtc = Meeting.EndUtc.AddDays(1), Revision = 1 };
        Notice[] notices = [.. Enum.GetValues<NoticeKind>().Select(kind => Details("m-46", kind == NoticeKind.Details ? Meeting : moved, $"{kind}@th.example.gov.vn", kind)
            with { Subject = $"[HNTT] {kind}: dòng một\r\nBcc: x@evil.example" })]; // a typed title cannot add a header

        await sender.SendAsync(notices, default);
        IReadOnlyList<MailReading> mails = await maildev.ReadWithMailClientsAsync();

        Assert.Equal(notices.Length, mails.Count);
        Assert.All(mails, mail =>
        {
            Assert.Equal(["hntt@thanhhoa.example.gov.vn"], mail.From);
            Assert.Single(mail.To);
            Assert.Equal("auto-generated", mail.AutoSubmitted);
            Assert.EndsWith("@thanhhoa.example.gov.vn>", mail.MessageId, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", mail.Subject, StringComparison.Ordinal);
            Assert.Contains("Kính gửi Lê Thị Bình", mail.Text, StringComparison.Ordinal);
        });
        var invitations = mails.Where(m => m.Calendars.Count > 0).ToDictionary(m => m.To[0].Split('@')[0]);
        Assert.Equal(["Cancellation", "Details", "Reschedule"], invitations.Keys.Order());
        foreach ((string kind, MailReading mail) in invitations)
        {
            // The part beside the text (Outlook, Gmail) and the attachment (the rest) are the same invitation.
            Assert.Equal(["text/calendar", "application/ics"], mail.Calendars.Select(c => c.ContentType));
            CalendarReading invite = mail.Calendars[0];
            Assert.Equal(JsonSerializer.Serialize(invite), JsonSerializer.Serialize(mail.Calendars[1] with { ContentType = invite.ContentType }));
            Assert.Equal(("m-46@hntt", kind == "Cancellation" ? "CANCEL" : "REQUEST"), (invite.Uid, invite.Method));
            Assert.Equal($"mailto:{kind}@th.example.gov.vn", Assert.Single(invite.Attendees), ignoreCase: true);
            Assert.Equal("mailto:hntt@thanhhoa.example.gov.vn", invite.Organizer, ignoreCase: true);
            Assert.Equal("Asia/Ho_Chi_Minh", invite.StartZone);
            Assert.Equal(["Asia/Ho_Chi_Minh"], invite.Zones); // the zone it names is defined in the file
            Assert.Equal(kind == "Details" ? "2026-11-26T08:00:00" : "2026-11-27T08:00:00", invite.Start);
        }

        Assert.True(invitations["Cancellation"].Calendars[0].Sequence > invitations["Reschedule"].Calendars[0].Sequence);
        Assert.Equal("CANCELLED", invitations["Cancellation"].Calendars[0].Status);
        Assert.All(await outbox.ReadAsync("m-46", default), e => Assert.Equal(DeliveryStatus.Sent, e.Status));
    }
}
