using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;

namespace Hntt.App.Api.Meetings;

/// <summary>Which site to put on the chair's screen.</summary>
public sealed record BringSiteToChair(string SiteId);

/// <summary><c>/api/meetings/{id}/chair/…</c>: the chair-site technician's boards and controls (TH Art. 10.3, SL II.1 step 6).</summary>
internal static class ChairEndpoints
{
    public static void MapChairEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder chair = routes.MapGroup("/api/meetings/{id}/chair").WithTags("Chair");
        chair.MapGet("/speaking-requests", QueueAsync).RequireAuthorization(Access.ReadChair)
            .WithName("ListSpeakingRequests").WithSummary("Speaking requests: waiting first, in the order they came.").Produces<IReadOnlyList<SpeakingRequest>>();
        chair.MapGet("/incidents", IncidentsAsync).RequireAuthorization(Access.ReadChair)
            .WithName("ListIncidents").WithSummary("The incident board: open and resolved.").Produces<IReadOnlyList<Incident>>();
        chair.MapPost("/speaking-requests/{siteId}/grant", GrantAsync).RequireAuthorization(Access.ChairControl)
            .WithName("GrantFloor").WithSummary("Gives the floor to a waiting site.").Produces(StatusCodes.Status204NoContent);
        chair.MapPost("/bring-to-chair", BringAsync).RequireAuthorization(Access.ChairControl).WithMetadata(new BodyLimit(4096))
            .WithName("BringSiteToChair").WithSummary("Puts a site on the chair's screen through the relay (30-second rule, SL II.1 step 6).").Commands();
    }

    static Task<IResult> QueueAsync(string id, HttpContext http, MeetingGate gate, MeetingFloor floor, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.See, async _ => TypedResults.Ok(await floor.QueueAsync(id, cancellationToken)), cancellationToken);

    static Task<IResult> IncidentsAsync(string id, HttpContext http, MeetingGate gate, IMeetingStore store, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.See, async _ =>
            TypedResults.Ok((await store.ReadIncidentsAsync(id, cancellationToken)).OrderBy(i => i.ResolvedAtUtc is not null).ThenBy(i => i.ReportedAtUtc)), cancellationToken);

    static Task<IResult> GrantAsync(string id, string siteId, HttpContext http, MeetingGate gate, MeetingFloor floor, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.DriveChair, async _ => await floor.GrantFloorAsync(id, siteId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Điểm cầu '{siteId}' không có yêu cầu phát biểu đang chờ."), cancellationToken);

    static Task<IResult> BringAsync(string id, BringSiteToChair body, HttpContext http, MeetingGate gate, IMeetingStore store, MeetingFloor floor,
        CancellationToken cancellationToken) =>
        gate.CheckedAsync(http, id, MeetingRight.DriveChair, async meeting =>
            string.IsNullOrWhiteSpace(body.SiteId) || await store.ReadSiteAsync(id, body.SiteId, cancellationToken) is null
                ? Problems.Invalid("siteId", "inMeeting", $"Điểm cầu '{body.SiteId}' không tham gia hội nghị này.")
                : (await MeetingService.SendAsync(meeting, () => floor.BringToChairAsync(id, body.SiteId, cancellationToken))).ToHttp(http), cancellationToken);
}
