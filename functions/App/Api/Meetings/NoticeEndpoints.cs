using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;

namespace Hntt.App.Api.Meetings;

/// <summary>One notice of a meeting and whether it went out.</summary>
public sealed record NoticeDelivery(string NoticeId, NoticeKind Kind, string Recipient, string? Email, string? Phone, string? Fax, string? SiteId,
    DeliveryStatus Status, int Attempts, string? LastError, DateTime? SentAtUtc, DateTime? CalledAtUtc)
{
    /// <summary>The delivery line of an outbox entry (the message itself stays in the outbox).</summary>
    public static NoticeDelivery From(OutboxEntry e) => new(e.NoticeId, e.Kind, e.Recipient, e.Email, e.Phone, e.Fax, e.SiteId, e.Status, e.Attempts, e.LastError, e.SentAtUtc, e.CalledAtUtc);
}

/// <summary><c>/api/meetings/{id}/notices</c> and the emergency call list (TH Art. 7.4).</summary>
internal static class NoticeEndpoints
{
    public static void MapNoticeEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder notices = routes.MapGroup("/api/meetings/{id}").WithTags("Meetings");
        notices.MapGet("/notices", ReadAsync).RequireAuthorization(Access.ReadMeetings)
            .WithName("ListNotices").WithSummary("Every notice of the meeting and its delivery status.").Produces<IReadOnlyList<NoticeDelivery>>();
        notices.MapGet("/call-list", CallListAsync).RequireAuthorization(Access.ReadMeetings)
            .WithName("ReadCallList").WithSummary("The emergency call list: phone and fax, ticked off (TH Art. 7.4).").Produces<IReadOnlyList<NoticeDelivery>>();
        notices.MapPost("/call-list/{noticeId}/called", TickAsync).RequireAuthorization(Access.ManageMeetings)
            .WithName("TickCall").WithSummary("Ticks a call off with its time.").Produces(StatusCodes.Status204NoContent);
    }

    static Task<IResult> ReadAsync(string id, HttpContext http, MeetingGate gate, INoticeOutbox outbox, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.Oversee, async _ => TypedResults.Ok((await outbox.ReadAsync(id, cancellationToken)).Select(NoticeDelivery.From)), cancellationToken);

    static Task<IResult> CallListAsync(string id, HttpContext http, MeetingGate gate, INoticeOutbox outbox, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.Oversee, async _ => TypedResults.Ok((await CallList.ReadAsync(outbox, id, cancellationToken)).Select(NoticeDelivery.From)),
            cancellationToken);

    static Task<IResult> TickAsync(string id, string noticeId, HttpContext http, MeetingGate gate, INoticeOutbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.Host, async _ => await CallList.TickAsync(outbox, id, noticeId, time.GetUtcNow().UtcDateTime, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"'{noticeId}' không có trong danh sách gọi điện của hội nghị này."), cancellationToken);
}
