using Hntt.App.Meetings;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Hntt.App.Notices.Email;

/// <summary>
/// The meeting as a calendar invitation (RFC 5546): one stable UID per meeting, SEQUENCE = the meeting's revision
/// (rising with each reschedule, and once more for the cancellation), METHOD:CANCEL when cancelled, the recipient as
/// ATTENDEE, times in Asia/Ho_Chi_Minh, and alarms at the two test calls (TH Art. 11.1) — so the meeting lands in
/// Outlook, Thunderbird and phone calendars, moves when it moves and leaves them when it is cancelled.
/// </summary>
public static class CalendarInvite
{
    const string Zone = "Asia/Ho_Chi_Minh";

    /// <summary>The invitation's UID for a meeting.</summary>
    public static string Uid(string meetingId) => $"{meetingId}@hntt";

    /// <summary>The .ics text.</summary>
    public static string Create(string meetingId, MeetingSummary meeting, bool cancelled, string organizer, string attendeeEmail, string attendeeName)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST", ProductId = "-//HNTT//Meeting workflow//VI" };
        calendar.AddTimeZone(Zone);
        var meetingEvent = new CalendarEvent
        {
            Uid = Uid(meetingId),
            Sequence = meeting.Revision + (cancelled ? 1 : 0), // a CANCEL must carry a higher SEQUENCE than the REQUEST it cancels
            Summary = meeting.Title,
            Location = meeting.ChairSiteName ?? meeting.ChairSiteId,
            Description = meeting.ScriptUrl is { } script ? $"Kịch bản: {script}" : null,
            DtStart = new CalDateTime(Domain.Meetings.VietnamTime.ToLocal(meeting.StartUtc), Zone),
            DtEnd = new CalDateTime(Domain.Meetings.VietnamTime.ToLocal(meeting.EndUtc), Zone),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{organizer}"),
            Attendees = [new Attendee($"mailto:{attendeeEmail}") { CommonName = attendeeName, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION" }],
        };
        if (!cancelled)
        {
            meetingEvent.Alarms.Add(new Alarm { Action = "DISPLAY", Description = "Kiểm thử kết nối (trước 1 ngày)", Trigger = new Trigger(Duration.FromDays(-1)) });
            meetingEvent.Alarms.Add(new Alarm { Action = "DISPLAY", Description = "Kiểm thử kết nối (trước 1 giờ)", Trigger = new Trigger(Duration.FromHours(-1)) });
        }

        calendar.Events.Add(meetingEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
