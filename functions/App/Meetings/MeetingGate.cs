using Hntt.App.Api.Security;
using Hntt.TaskHub;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>What a caller asks to do with a meeting.</summary>
public enum MeetingRight
{
    /// <summary>Read it: its host's coordinators, the rooms taking part, and the province-wide roles.</summary>
    See,

    /// <summary>
    /// Read who was told and how (recipients' addresses and numbers, the mail server's errors): its host's coordinators
    /// and the province-wide roles. The rooms' technicians see their own notices in their mailboxes, not everyone's.
    /// </summary>
    Oversee,

    /// <summary>Cancel or move it: its host's coordinators, PPC Office, admins.</summary>
    Host,

    /// <summary>Drive the chair's screen: the chair room's technicians, ops, admins.</summary>
    DriveChair,

    /// <summary>Report for one of its rooms: that room's technicians, ops, admins (TH Art. 8.2).</summary>
    OperateSite,
}

/// <summary>
/// The one answer to "may this caller do this to this meeting now?", for every front door: from the directory, the
/// one source of truth for a meeting's existence, host and phase, and the meeting store for its rooms.
/// </summary>
public sealed class MeetingGate(IMeetingDirectory directory, IMeetingStore store)
{
    /// <summary>The meeting when the caller may exercise <paramref name="right"/> on it (on <paramref name="siteId"/>'s behalf for
    /// <see cref="MeetingRight.OperateSite"/>), and it is still open when <paramref name="open"/>; otherwise why not.</summary>
    public async Task<(MeetingEntry? Meeting, MeetingAnswer? Refusal)> CheckAsync(Caller caller, string meetingId, MeetingRight right, CancellationToken cancellationToken,
        string? siteId = null, bool open = false)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (right == MeetingRight.OperateSite && !caller.MayOperate(siteId ?? string.Empty))
        {
            return Refuse(new MeetingAnswer.Forbidden($"Bạn không phải kỹ thuật viên của điểm cầu '{siteId}' (not your site)."));
        }

        if (await directory.ReadAsync(meetingId, cancellationToken) is not { } meeting)
        {
            return Refuse(new MeetingAnswer.NotFound($"Không có hội nghị '{meetingId}' (no such meeting)."));
        }

        MeetingAnswer? refusal = right switch
        {
            MeetingRight.OperateSite when await store.ReadSiteAsync(meetingId, siteId!, cancellationToken) is null =>
                new MeetingAnswer.NotFound($"Điểm cầu '{siteId}' không tham gia hội nghị '{meetingId}' (the room does not take part)."),
            not MeetingRight.OperateSite when !await caller.MaySeeAsync(meeting.HostUnitId, async site => await store.ReadSiteAsync(meetingId, site, cancellationToken) is not null) =>
                new MeetingAnswer.Forbidden($"Bạn không xem được hội nghị '{meetingId}' (not your unit or site)."),
            MeetingRight.Oversee when !caller.SeesAllMeetings && !caller.MayHost(meeting.HostUnitId) =>
                new MeetingAnswer.Forbidden($"Danh sách người nhận của hội nghị '{meetingId}' dành cho đơn vị chủ trì và cơ quan quản lý (the host and the province's overseers only)."),
            MeetingRight.Host when !caller.MayHost(meeting.HostUnitId) =>
                new MeetingAnswer.Forbidden($"Bạn không điều phối hội nghị của đơn vị '{meeting.HostUnitId}' (you do not coordinate for this unit)."),
            MeetingRight.DriveChair when !caller.MayOperate(meeting.ChairSiteId ?? string.Empty) =>
                new MeetingAnswer.Forbidden($"Chỉ kỹ thuật viên điểm cầu chủ trì '{meeting.ChairSiteId}' điều khiển màn hình chủ trì (the chair room drives the chair)."),
            _ when open && meeting.IsClosed => NotRunning(meetingId, InstanceAnswer.Finished),
            _ => null,
        };
        return refusal is null ? (meeting, null) : Refuse(refusal);
    }

    /// <summary>Why a command cannot reach the meeting's workflow: it has not started, or it has finished.</summary>
    public static MeetingAnswer.Conflict NotRunning(string meetingId, InstanceAnswer answer) => answer == InstanceAnswer.NotFound
        ? new($"Quy trình của hội nghị '{meetingId}' chưa chạy (the meeting's workflow has not started).")
        : new($"Hội nghị '{meetingId}' đã kết thúc; không nhận thêm yêu cầu (the meeting has finished).");

    static (MeetingEntry?, MeetingAnswer?) Refuse(MeetingAnswer refusal) => (null, refusal);
}
