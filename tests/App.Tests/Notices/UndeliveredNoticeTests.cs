using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.App.Registry;
using Hntt.App.Tests.Meetings;
using MimeKit;

namespace Hntt.App.Tests.Notices;

/// <summary>The mail server down for a while during a meeting: retries, an escalation to ops, and every notice delivered once it returns.</summary>
public sealed class UndeliveredNoticeTests
{
    /// <summary>A mail transport that is down until told otherwise, then delivers into a list (a stand-in for one class under test: the workflow).</summary>
    sealed class FlakyMailTransport : IMailTransport
    {
        public bool Down { get; set; } = true;

        public List<MimeMessage> Delivered { get; } = [];

        public int Attempts { get; private set; }

        public Task<int> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Down)
            {
                throw new MailTransportException(0, new IOException("Connection refused by mail.example.gov.vn:587"));
            }

            Delivered.AddRange(messages);
            return Task.FromResult(messages.Count);
        }
    }

    [Fact]
    public async Task Undelivered_notices_are_retried_escalated_to_ops_and_delivered_once_the_server_returns()
    {
        var mail = new FlakyMailTransport();
        var monday9 = new DateTime(2026, 11, 23, 9, 0, 0);
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), monday9, mail);
        await bed.SubmitAsync(new Domain.Meetings.MeetingRequest("th-ubnd", "Giao ban", Domain.Meetings.MeetingKind.Planned,
            new DateTime(2026, 11, 26, 8, 0, 0), new DateTime(2026, 11, 26, 11, 0, 0), new Domain.Meetings.SiteSelection(AllDistricts: true)));

        await bed.RunUntilAsync(monday9.AddMinutes(4));
        IReadOnlyList<OutboxEntry> whileDown = await bed.Outbox.ReadAsync("meeting-1", default);
        MeetingStatus status = await bed.StatusAsync();

        Assert.True(mail.Attempts >= 5, $"retried ({mail.Attempts} attempts)");
        OutboxEntry escalation = Assert.Single(whileDown, e => e.Kind == NoticeKind.DeliveryFailure);
        Assert.Contains("Connection refused", escalation.Notice.Action, StringComparison.Ordinal);
        Assert.All(whileDown, e => Assert.NotEqual(DeliveryStatus.Sent, e.Status));
        Assert.Contains(whileDown, e => e.Kind == NoticeKind.Details && e.LastError!.Contains("Connection refused", StringComparison.Ordinal));
        Assert.Equal(Hntt.Domain.Meetings.MeetingPhase.Preparing, status.Phase); // the meeting goes on

        mail.Down = false;
        await bed.RunUntilAsync(monday9.AddMinutes(10));
        IReadOnlyList<OutboxEntry> after = await bed.Outbox.ReadAsync("meeting-1", default);

        Assert.All(after, e => Assert.Equal(DeliveryStatus.Sent, e.Status));
        Assert.Equal(after.Count, mail.Delivered.Count); // each once
        Assert.Contains(mail.Delivered, m => m.To.Mailboxes.Single().Address == "ops@example.gov.vn");
        Assert.Equal(2 + 28, after.Count(e => e.Kind == NoticeKind.Details)); // the chair room's two technicians, one per district
    }

    [Fact]
    public async Task TH_Art_7_4_the_emergency_call_list_has_phone_and_fax_and_is_ticked_off_with_the_time()
    {
        var mail = new FlakyMailTransport { Down = false };
        var monday9 = new DateTime(2026, 11, 23, 9, 0, 0);
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), monday9, mail);
        await bed.SubmitAsync(new Domain.Meetings.MeetingRequest("th-ubnd", "Ứng phó bão", Domain.Meetings.MeetingKind.Emergency,
            monday9.AddHours(2), monday9.AddHours(3), new Domain.Meetings.SiteSelection(AllDistricts: true)));
        await bed.RunUntilAsync(monday9);

        IReadOnlyList<OutboxEntry> calls = await CallList.ReadAsync(bed.Outbox, "meeting-1");
        OutboxEntry power = calls.Single(c => c.Recipient == "Công ty Điện lực Thanh Hóa");
        bool ticked = await CallList.TickAsync(bed.Outbox, "meeting-1", power.NoticeId, bed.Host.Now.UtcDateTime.AddMinutes(3));

        Assert.True(ticked);
        Assert.Equal(("02373900900", "02373900901"), (power.Phone, power.Fax));
        Assert.Contains(calls, c => c.Recipient.StartsWith("Sở Thông tin", StringComparison.Ordinal));
        Assert.Equal(bed.Host.Now.UtcDateTime.AddMinutes(3), (await CallList.ReadAsync(bed.Outbox, "meeting-1")).Single(c => c.NoticeId == power.NoticeId).CalledAtUtc);
        Assert.All(calls.Where(c => c.NoticeId != power.NoticeId), c => Assert.Null(c.CalledAtUtc));
    }
}
