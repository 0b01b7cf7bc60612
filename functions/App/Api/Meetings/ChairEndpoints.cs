using Hntt.App.Api.Security;
using Hntt.App.Meetings;

namespace Hntt.App.Api.Meetings;

/// <summary>Which site to put on the chair's screen.</summary>
public sealed record BringToChair(string SiteId);

/// <summary><c>/api/meetings/{id}/chair/…</c>: the chair-site technician's boards and controls (TH Art. 10.3, SL II.1 step 6).</summary>
internal static class ChairEndpoints
{
    public static void MapChairEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder chair = routes.MapGroup("/api/meetings/{id}/chair").WithTags("Chair");
        chair.MapGet("/speaking-requests", QueueAsync).RequireAuthorization(Access.ReadChair).WithSummary("Speaking requests: waiting first, in the order they came.");
        chair.MapGet("/incidents", IncidentsAsync).RequireAuthorization(Access.ReadChair).WithSummary("The incident board: open and resolved.");
        chair.MapPost("/speaking-requests/{siteId}/grant", GrantAsync).RequireAuthorization(Access.ChairControl).WithSummary("Gives the floor to a waiting site.");
        chair.MapPost("/bring-to-chair", BringAsync).RequireAuthorization(Access.ChairControl).WithMetadata(new BodyLimit(4096))
            .WithSummary("Puts a site on the chair's screen through the relay (30-second rule, SL II.1 step 6).");
    }

    static async Task<IResult> QueueAsync(string id, HttpContext http, IMeetingDirectory directory, IMeetingStore store, MeetingFloor floor, CancellationToken cancellationToken)
    {
        var (meeting, denied) = await MeetingEndpoints.FindAsync(id, http, directory, store, cancellationToken);
        return meeting is null ? denied! : TypedResults.Ok(await floor.QueueAsync(id, cancellationToken));
    }

    static async Task<IResult> IncidentsAsync(string id, HttpContext http, IMeetingDirectory directory, IMeetingStore store, CancellationToken cancellationToken)
    {
        var (meeting, denied) = await MeetingEndpoints.FindAsync(id, http, directory, store, cancellationToken);
        return meeting is null ? denied! : TypedResults.Ok((await store.ReadIncidentsAsync(id, cancellationToken)).OrderBy(i => i.ResolvedAtUtc is not null).ThenBy(i => i.ReportedAtUtc));
    }

    static async Task<IResult> GrantAsync(string id, string siteId, HttpContext http, IMeetingDirectory directory, IMeetingStore store, MeetingFloor floor, CancellationToken cancellationToken)
    {
        var (meeting, denied) = await ChairAsync(id, http, directory, store, cancellationToken);
        if (meeting is null)
        {
            return denied!;
        }

        return await floor.GrantFloorAsync(id, siteId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Điểm cầu '{siteId}' không có yêu cầu phát biểu đang chờ.");
    }

    static async Task<IResult> BringAsync(string id, BringToChair body, HttpContext http, IMeetingDirectory directory, IMeetingStore store, MeetingFloor floor,
        CancellationToken cancellationToken)
    {
        var (meeting, denied) = await ChairAsync(id, http, directory, store, cancellationToken);
        if (meeting is null)
        {
            return denied!;
        }

        if (string.IsNullOrWhiteSpace(body.SiteId) || await store.ReadSiteAsync(id, body.SiteId, cancellationToken) is null)
        {
            return Problems.Invalid("siteId", "inMeeting", $"Điểm cầu '{body.SiteId}' không tham gia hội nghị này.");
        }

        return await MeetingEndpoints.SendAsync(meeting, () => floor.BringToChairAsync(id, body.SiteId, cancellationToken), http);
    }

    // The chair is driven from the chair room: its technicians, or ops.
    static async Task<(MeetingEntry? Meeting, IResult? Denied)> ChairAsync(string id, HttpContext http, IMeetingDirectory directory, IMeetingStore store, CancellationToken cancellationToken)
    {
        var (meeting, denied) = await MeetingEndpoints.FindAsync(id, http, directory, store, cancellationToken);
        if (meeting is not null && !new Caller(http.User).MayOperate(meeting.ChairSiteId ?? string.Empty))
        {
            return (null, Problems.Forbidden($"Chỉ kỹ thuật viên điểm cầu chủ trì '{meeting.ChairSiteId}' điều khiển màn hình chủ trì."));
        }

        return (meeting, denied);
    }
}
