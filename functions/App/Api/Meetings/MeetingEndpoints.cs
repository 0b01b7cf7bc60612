using Hntt.App.Inspections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Registry;
using Hntt.App.Relay;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Hntt.App.Api.Meetings;

/// <summary><c>/api/meetings</c>: coordinators submit, list, read, cancel and move meetings.</summary>
internal static class MeetingEndpoints
{
    const int MaxRangeDays = 366;

    public static void MapMeetingEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder meetings = routes.MapGroup("/api/meetings").WithTags("Meetings");
        meetings.MapPost("/", SubmitAsync).RequireAuthorization(Access.ManageMeetings).RequireRateLimiting(RateLimits.Submit)
            .WithName("SubmitMeeting").WithSummary("Submits a meeting request (202 with Location); honours Idempotency-Key.")
            .ProducesWithLocation<MeetingAccepted>(StatusCodes.Status202Accepted).ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        meetings.MapGet("/", ListAsync).RequireAuthorization(Access.ReadMeetings)
            .WithName("ListMeetings").WithSummary("Lists meetings by status, host unit, site and local date range.").Produces<MeetingPage>();
        meetings.MapGet("/{id}", GetAsync).RequireAuthorization(Access.ReadMeetings)
            .WithName("GetMeeting").WithSummary("One meeting: its timeline and per-site readiness.").Produces<MeetingDetails>();
        meetings.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Access.ManageMeetings)
            .WithName("CancelMeeting").WithSummary("Cancels a meeting; everyone is told.").Commands();
        meetings.MapPost("/{id}/reschedule", RescheduleAsync).RequireAuthorization(Access.ManageMeetings)
            .WithName("RescheduleMeeting").WithSummary("Moves a meeting; everyone is told.").Commands();
    }

    static async Task<IResult> SubmitAsync(MeetingRequest request, HttpContext http, MeetingService meetings, CancellationToken cancellationToken)
    {
        MeetingAnswer answer = await meetings.SubmitAsync(new Caller(http.User), LocalTimes.Normalize(request), http.Request.Headers["Idempotency-Key"], cancellationToken);
        if (answer is MeetingAnswer.Accepted { Replayed: true })
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return answer.ToHttp(http);
    }

    static async Task<IResult> ListAsync(HttpContext http, IMeetingDirectory directory, IMeetingStore store, IRegistry registry, TimeProvider time, string? status, string? hostUnitId, string? siteId,
        DateTime? from, DateTime? to, int? top, string? continuationToken, CancellationToken cancellationToken)
    {
        var caller = new Caller(http.User);
        DateTime now = time.GetUtcNow().UtcDateTime;
        DateTime fromUtc = from is { } f ? VietnamTime.ToUtc(LocalTimes.Normalize(f)) : now.AddDays(-31);
        DateTime toUtc = to is { } t ? VietnamTime.ToUtc(LocalTimes.Normalize(t)) : now.AddDays(92);
        var errors = new List<ValidationError>();
        if (LocalTimes.OutOfRange(from, to) is { } outOfRange)
        {
            return outOfRange;
        }

        if (toUtc <= fromUtc)
        {
            errors.Add(new("to", "afterFrom", "'to' phải sau 'from' (to must be after from)."));
        }
        else if (toUtc - fromUtc > TimeSpan.FromDays(MaxRangeDays))
        {
            errors.Add(new("to", "maxRange", $"Tối đa {MaxRangeDays} ngày mỗi lần (at most {MaxRangeDays} days)."));
        }

        if (top is < 1 or > 200)
        {
            errors.Add(new("top", "range", "'top' từ 1 đến 200."));
        }

        int skip = 0;
        if (continuationToken is not null && !TryReadToken(continuationToken, out skip))
        {
            errors.Add(new("continuationToken", "format", "Mã trang không hợp lệ (use the token from the previous page)."));
        }

        string[] phases = Enum.GetNames<MeetingPhase>();
        MeetingPhase? phase = status is null || !phases.Contains(status, StringComparer.Ordinal) ? null : Enum.Parse<MeetingPhase>(status);
        if (status is not null && phase is null)
        {
            errors.Add(new("status", "oneOf", $"'status' là một trong: {string.Join(", ", phases)}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // Everyone sees what their role covers: all meetings, their units' (coordinators), or those their rooms take part in (technicians).
        IEnumerable<MeetingEntry> found = (await directory.StartingAsync(fromUtc, toUtc, cancellationToken))
            .Where(m => (phase is null || m.Phase == phase) && (hostUnitId is null || m.HostUnitId == hostUnitId));
        bool technicianScope = !caller.SeesAllMeetings && caller.Roles.Contains(Roles.Technician);
        if (siteId is not null || technicianScope)
        {
            ILookup<string, string> sitesByMeeting = (await store.ReadBookingsAsync(fromUtc, toUtc, cancellationToken)).ToLookup(b => b.MeetingId, b => b.SiteId);
            found = found.Where(m => (siteId is null || sitesByMeeting[m.MeetingId].Contains(siteId))
                && (!technicianScope || sitesByMeeting[m.MeetingId].Any(caller.Sites.Contains)));
        }

        if (!caller.SeesAllMeetings && !technicianScope)
        {
            found = found.Where(m => caller.MayHost(m.HostUnitId)); // a site filter narrows a coordinator's list, never widens it
        }

        int size = top ?? 50;
        List<MeetingEntry> page = found.Skip(skip).Take(size + 1).ToList();
        string? next = page.Count > size ? WriteToken(skip + size) : null;
        RegistryNames names = await RegistryNames.ReadAsync(registry, cancellationToken);
        return TypedResults.Ok(new MeetingPage([.. page.Take(size).Select(m => MeetingListItem.From(m, names))], next));
    }

    static async Task<IResult> GetAsync(string id, HttpContext http, MeetingGate gate, IMeetingStore store, IRegistry registry, DurableTaskClient client,
        MeetingSettings settings, IOptions<RelayClientOptions> relay, IInspectionStore inspections, TimeProvider time, int? siteSkip, int? siteTop,
        CancellationToken cancellationToken)
    {
        if (siteSkip < 0 || siteTop is < 1 or > 1000)
        {
            return Problems.Invalid(siteSkip < 0 ? "siteSkip" : "siteTop", "range", "'siteSkip' ≥ 0; 'siteTop' từ 1 đến 1000.");
        }

        var (meeting, refusal) = await gate.CheckAsync(new Caller(http.User), id, MeetingRight.See, cancellationToken);
        if (meeting is null)
        {
            return refusal!.ToHttp(http);
        }

        // With inputs and outputs: a client over gRPC (the Functions host's) reads no custom status without them.
        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        MeetingStatus? status = instance?.ReadCustomStatusAs<MeetingStatus>();
        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(id, cancellationToken);
        int skip = siteSkip ?? 0;
        RegistryNames names = await RegistryNames.ReadAsync(registry, cancellationToken);
        // Read live, not copied at planning: the flag goes the moment DIC closes the finding.
        HashSet<string> flagged = [.. (await inspections.ListBlockingFindingsAsync(cancellationToken)).Select(f => f.SiteId)];
        return TypedResults.Ok(new MeetingDetails(MeetingListItem.From(meeting, names), instance?.RuntimeStatus, status,
            TimelineStates.Of(meeting, status, time.GetUtcNow().UtcDateTime, settings.Rules), status?.Readiness,
            [.. sites.Skip(skip).Take(siteTop ?? 500).Select(s => SiteReadiness.From(s, names) with { Flagged = flagged.Contains(s.SiteId) })], skip, sites.Count)
        {
            RelayConnected = relay.Value.IsConfigured,
            RulesVersion = meeting.Schedule?.Policy.Version,
            FlaggedSites = [.. sites.Where(s => flagged.Contains(s.SiteId)).Select(s => s.SiteId)],
        });
    }

    static async Task<IResult> CancelAsync(string id, CancelMeeting body, HttpContext http, MeetingService meetings, CancellationToken cancellationToken) =>
        (await meetings.CancelAsync(new Caller(http.User), id, body, cancellationToken)).ToHttp(http);

    static async Task<IResult> RescheduleAsync(string id, RescheduleMeeting body, HttpContext http, MeetingService meetings, CancellationToken cancellationToken) =>
        (await meetings.RescheduleAsync(new Caller(http.User), id, new RescheduleMeeting(LocalTimes.Normalize(body.LocalStart), LocalTimes.Normalize(body.LocalEnd)),
            cancellationToken)).ToHttp(http);

    static string WriteToken(int skip) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"skip:{skip.ToString(CultureInfo.InvariantCulture)}"));

    static bool TryReadToken(string token, out int skip)
    {
        skip = 0;
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out int n) && Encoding.UTF8.GetString(bytes, 0, n) is { } text
            && text.StartsWith("skip:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out skip);
    }
}
