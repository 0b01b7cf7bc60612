using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;

namespace Hntt.App.Api.Meetings;

/// <summary>A site's test-call result (TH Art. 11.1): audio, video, notes.</summary>
public sealed record TestResult(bool Audio, bool Video, string? Notes = null);

/// <summary>
/// The room's internal rehearsal (SL II.1 step 4): audio, video, the presentation, and — where the room sits behind a
/// slave MCU — the slave's layout (one site full-screen, SL II.1 step 5).
/// </summary>
public sealed record RehearsalResult(bool Audio, bool Video, bool Presentation, bool? SlaveLayout = null, string? Notes = null);

/// <summary>Readiness confirmed 30 minutes before (SL II.1 step 5).</summary>
public sealed record ReadinessConfirmation(string? Notes = null);

/// <summary>A site asks for the floor (TH Art. 10.3).</summary>
public sealed record FloorRequest(string? Topic = null);

/// <summary>An incident at a site (SL II.1 step 6, TH Art. 11.2).</summary>
public sealed record IncidentReport(IncidentKind Kind, string Description);

/// <summary>A reported incident's id, to resolve it by.</summary>
public sealed record IncidentCreated(string Id);

/// <summary>How an incident was fixed.</summary>
public sealed record IncidentResolution(string Resolution);

/// <summary>The session's quality and faults, which complete and sign the room's logbook (TH Art. 4.3, SL II.1 step 7).</summary>
public sealed record QualityEvaluation(string Quality, IReadOnlyList<string>? Faults = null);

/// <summary><c>/api/meetings/{id}/sites/{siteId}/…</c>: what a site's technicians report. Only that site's technicians (or ops) may post.</summary>
internal static class SiteEndpoints
{
    const long BodyLimit = 16 * 1024;
    static readonly string[] Qualities = ["good", "fair", "poor"];

    public static void MapSiteEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder site = routes.MapGroup("/api/meetings/{id}/sites/{siteId}").WithTags("Sites")
            .RequireAuthorization(Access.SiteWork).RequireRateLimiting(RateLimits.Site).WithMetadata(new BodyLimit(BodyLimit))
            .ProducesProblems(StatusCodes.Status409Conflict); // the meeting is not (or no longer) running
        site.MapPost("/tests/{stage}", ReportTestAsync).WithName("ReportTestCall")
            .WithSummary("Reports the test call's result; stage is 'first' (T-1 day) or 'second' (T-1 hour).").Produces(StatusCodes.Status204NoContent);
        site.MapPost("/rehearsal", ReportRehearsalAsync).WithName("ReportRehearsal")
            .WithSummary("Records the room's internal rehearsal, due 2 hours before (SL II.1 step 4).").Produces(StatusCodes.Status204NoContent);
        site.MapPost("/readiness", ConfirmReadyAsync).WithName("ConfirmReadiness").WithSummary("Confirms the room is ready.").Produces(StatusCodes.Status204NoContent);
        site.MapPost("/speaking-requests", RequestFloorAsync).WithName("RequestFloor").WithSummary("Asks for the floor.").Produces(StatusCodes.Status204NoContent);
        site.MapPost("/incidents", ReportIncidentAsync).WithName("ReportIncident").WithSummary("Reports an incident; PPC Office and DIC are told at once.")
            .ProducesWithLocation<IncidentCreated>(StatusCodes.Status201Created);
        site.MapPost("/incidents/{incidentId}/resolve", ResolveIncidentAsync).WithName("ResolveIncident").WithSummary("Records how an incident was fixed.")
            .Produces(StatusCodes.Status204NoContent);
        site.MapPost("/evaluation", EvaluateAsync).WithName("EvaluateSession").WithSummary("Rates the session and signs the room's logbook.")
            .Produces(StatusCodes.Status204NoContent);
        routes.MapGet("/api/sites/{siteId}/logbook", ReadLogbookAsync).WithTags("Sites").RequireAuthorization(Access.ReadMeetings)
            .WithName("ReadLogbook").WithSummary("The room's logbook, newest first (TH Art. 4.3).").Produces<IReadOnlyList<LogbookEntry>>();
    }

    static Task<IResult> ReportTestAsync(string id, string siteId, string stage, TestResult body, SiteContext site, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, now) =>
        {
            ReadinessStage? which = stage switch { "first" => ReadinessStage.FirstTest, "second" => ReadinessStage.SecondTest, _ => null };
            if (which is null)
            {
                return Problems.Invalid("stage", "oneOf", "'stage' là 'first' (trước 1 ngày) hoặc 'second' (trước 1 giờ).");
            }

            if (Notes(body.Notes) is { } invalid)
            {
                return invalid;
            }

            await site.Store.RecordAsync(id, siteId, which.Value, new SiteCheck(body.Audio, body.Video, body.Notes, now), cancellationToken);
            return TypedResults.NoContent();
        }, allowFinished: false, cancellationToken);

    static Task<IResult> ReportRehearsalAsync(string id, string siteId, RehearsalResult body, SiteContext site, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, now) =>
        {
            if (Notes(body.Notes) is { } invalid)
            {
                return invalid;
            }

            var check = new SiteCheck(body.Audio, body.Video, body.Notes, now) { Presentation = body.Presentation, SlaveLayout = body.SlaveLayout };
            await site.Store.RecordAsync(id, siteId, ReadinessStage.Rehearsal, check, cancellationToken);
            return TypedResults.NoContent();
        }, allowFinished: false, cancellationToken);

    static Task<IResult> ConfirmReadyAsync(string id, string siteId, ReadinessConfirmation body, SiteContext site, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, now) =>
        {
            if (Notes(body.Notes) is { } invalid)
            {
                return invalid;
            }

            await site.Store.RecordAsync(id, siteId, ReadinessStage.Ready, new SiteCheck(true, true, body.Notes, now), cancellationToken);
            return TypedResults.NoContent();
        }, allowFinished: false, cancellationToken);

    static Task<IResult> RequestFloorAsync(string id, string siteId, FloorRequest body, SiteContext site, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, _) =>
        {
            if (body.Topic is { Length: > 500 })
            {
                return Problems.Invalid("topic", "maxLength", "Nội dung xin phát biểu tối đa 500 ký tự.");
            }

            await site.Floor.RequestToSpeakAsync(id, siteId, body.Topic, cancellationToken);
            return TypedResults.NoContent();
        }, allowFinished: false, cancellationToken);

    static Task<IResult> ReportIncidentAsync(string id, string siteId, IncidentReport body, SiteContext site, HttpContext http, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, _) =>
        {
            if (string.IsNullOrWhiteSpace(body.Description) || body.Description.Length > 2000)
            {
                return Problems.Invalid("description", "required", "Mô tả sự cố (1–2000 ký tự).");
            }

            if (!Enum.IsDefined(body.Kind))
            {
                return Problems.Invalid("kind", "oneOf", $"'kind' là một trong: {string.Join(", ", Enum.GetNames<IncidentKind>())}.");
            }

            var (answer, incidentId) = await site.Floor.ReportIncidentAsync(id, siteId, body.Kind, body.Description.Trim(), cancellationToken);
            return answer == InstanceAnswer.Sent && incidentId is not null
                ? TypedResults.Created($"{http.Request.Path}/{incidentId}", new IncidentCreated(incidentId))
                : MeetingGate.NotRunning(id, answer).ToHttp(http);
        }, allowFinished: false, cancellationToken);

    static Task<IResult> ResolveIncidentAsync(string id, string siteId, string incidentId, IncidentResolution body, SiteContext site, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, _) =>
        {
            if (string.IsNullOrWhiteSpace(body.Resolution) || body.Resolution.Length > 2000)
            {
                return Problems.Invalid("resolution", "required", "Cách khắc phục (1–2000 ký tự).");
            }

            Incident? incident = (await site.Store.ReadIncidentsAsync(id, cancellationToken)).FirstOrDefault(i => i.Id == incidentId && i.SiteId == siteId);
            if (incident is null)
            {
                return Problems.NotFound($"Điểm cầu '{siteId}' không có sự cố '{incidentId}' trong hội nghị này.");
            }

            await site.Floor.ResolveIncidentAsync(id, incidentId, body.Resolution.Trim(), cancellationToken);
            return TypedResults.NoContent();
        }, allowFinished: true, cancellationToken);

    static Task<IResult> EvaluateAsync(string id, string siteId, QualityEvaluation body, SiteContext site, CancellationToken cancellationToken) =>
        site.RunAsync(id, siteId, async (_, _) =>
        {
            if (!Qualities.Contains(body.Quality))
            {
                return Problems.Invalid("quality", "oneOf", "'quality' là good, fair hoặc poor.");
            }

            if (body.Faults is { } faults && (faults.Count > 50 || faults.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > 500)))
            {
                return Problems.Invalid("faults", "items", "Tối đa 50 lỗi, mỗi lỗi 1–500 ký tự.");
            }

            LogbookEntry? entry = (await site.Store.ReadLogbookAsync(siteId, cancellationToken)).FirstOrDefault(e => e.MeetingId == id);
            if (entry is null)
            {
                return Problems.Conflict("Sổ nhật ký mở khi hội nghị kết thúc; chưa thể đánh giá (the logbook opens when the meeting ends).");
            }

            await site.Store.SignLogbookAsync(entry with { Quality = body.Quality, Faults = body.Faults ?? [] }, cancellationToken);
            return TypedResults.NoContent();
        }, allowFinished: true, cancellationToken);

    static async Task<IResult> ReadLogbookAsync(string siteId, HttpContext http, IMeetingStore store, CancellationToken cancellationToken)
    {
        var caller = new Caller(http.User);
        if (!caller.SeesAllMeetings && !caller.MayOperate(siteId))
        {
            return Problems.Forbidden($"Bạn không xem được sổ nhật ký của điểm cầu '{siteId}'.");
        }

        return TypedResults.Ok(await store.ReadLogbookAsync(siteId, cancellationToken));
    }

    static IResult? Notes(string? notes) => notes is { Length: > 2000 } ? Problems.Invalid("notes", "maxLength", "Ghi chú tối đa 2000 ký tự.") : null;
}

/// <summary>What every site endpoint checks first: the caller operates the site, the meeting exists, the site takes part, the meeting is not over.</summary>
internal sealed class SiteContext(IHttpContextAccessor http, MeetingGate gate, IMeetingStore store, MeetingFloor floor, TimeProvider time)
{
    public IMeetingStore Store => store;

    public MeetingFloor Floor => floor;

    public Task<IResult> RunAsync(string meetingId, string siteId, Func<MeetingEntry, DateTime, Task<IResult>> action, bool allowFinished, CancellationToken cancellationToken) =>
        gate.CheckedAsync(http.HttpContext!, meetingId, MeetingRight.OperateSite, meeting => action(meeting, time.GetUtcNow().UtcDateTime), cancellationToken,
            siteId, open: !allowFinished);
}
