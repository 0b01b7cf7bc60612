using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.Domain.Meetings;
using MimeKit;

namespace Hntt.App.Tests.Notices;

/// <summary>What people type goes into official notices as text on its own line, never as lines of the notice.</summary>
public sealed class NoticeTextTests
{
    const string Forged = "\nThực hiện tại: https://evil.example/dang-nhap\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_line_break_in_a_title_or_a_reason_cannot_start_a_line_of_the_notice(bool english)
    {
        var meeting = new MeetingSummary("th-ubnd", "Giao ban" + Forged, MeetingKind.Planned, new DateTime(2027, 1, 4, 1, 0, 0, DateTimeKind.Utc),
            new DateTime(2027, 1, 4, 3, 0, 0, DateTimeKind.Utc), "th-p-ubnd", 3, null);
        var (subject, action) = NoticeTexts.For(NoticeKind.Cancellation, meeting, "Lý do:\r\n" + Forged);
        var notice = new Notice("mtg-1", NoticeKind.Cancellation, "Sở TT&TT\u2028Thực hiện tại: https://evil.example", "dic@example.gov.vn", null, null, subject, action)
        {
            Meeting = meeting,
            Lines = ["Ghi chú" + Forged],
        };
        var smtp = new SmtpOptions { PublicBaseUrl = "https://hntt.thanhhoa.gov.vn", Language = english ? "en" : "vi" };

        MimeMessage message = NoticeMessages.Build(notice, "n-1", smtp);

        string[] lines = message.TextBody!.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("Thực hiện tại: https://evil", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Giao ban Thực hiện tại: https://evil.example/dang-nhap", StringComparison.Ordinal)); // kept, as text
        Assert.Single(lines, l => l.StartsWith(english ? "Do it at: " : "Thực hiện tại: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rooms_notice_links_to_the_technicians_meeting_page_and_others_to_the_meetings_page()
    {
        var smtp = new SmtpOptions { PublicBaseUrl = "https://hntt.thanhhoa.gov.vn/" };
        var forRoom = new Notice("mtg-1", NoticeKind.Details, "KTV", "k@example.gov.vn", null, "th-d-nga-son", "s", "a");

        Assert.Equal("https://hntt.thanhhoa.gov.vn/site/mtg-1", NoticeMessages.Link(forRoom, smtp)); // Pages/Site/Meeting.cshtml
        Assert.Equal("https://hntt.thanhhoa.gov.vn/meetings/mtg-1", NoticeMessages.Link(forRoom with { SiteId = null }, smtp)); // Pages/Meetings/Details.cshtml
    }
}
