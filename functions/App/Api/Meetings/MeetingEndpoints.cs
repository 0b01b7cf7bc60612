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
            .WithSummary("Submits a meeting request (202 with Location); honours Idempotency-Key.");
        meetings.MapGet("/", ListAsync).RequireAuthorization(Access.ReadMeetings).WithSummary("Lists meetings by status, host unit, site and local date range.");
        meetings.MapGet("/{id}", GetAsync).RequireAuthorization(Access.ReadMeetings).WithSummary("One meeting: its timeline and per-site readiness.");
        meetings.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Access.ManageMeetings).WithSummary("Cancels a meeting; everyone is told.");
        meetings.MapPost("/{id}/reschedule", RescheduleAsync).RequireAuthorization(Access.ManageMeetings).WithSummary("Moves a meeting; everyone is told.");
    }

    static async Task<IResult> SubmitAsync(MeetingRequest request, HttpContext http, IRegistry registry, IMeetingStore store, IMeetingDirectory directory,
        DurableTaskClient client, MeetingSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = new Caller(http.User);
        request = LocalTimes.Normalize(request);
        if (!caller.MayHost(request.HostUnitId))
        {
            return Problems.Forbidden($"Bạn không điều phối hội nghị của đơn vị '{request.HostUnitId}' (you do not coordinate for this unit).");
        }

        if (MeetingPlanner.OutOfRange(request) is { Count: > 0 } outOfRange)
        {
            return Problems.Invalid(outOfRange);
        }

        string? key = http.Request.Headers["Idempotency-Key"];
        if (key is not null && (key.Length is 0 or > 128 || key.Any(char.IsControl)))
        {
            return Problems.Invalid("Idempotency-Key", "format", "Idempotency-Key: 1–128 ký tự in được (1 to 128 printable characters).");
        }

        string meetingId = key is null ? $"mtg-{Guid.NewGuid():N}" : $"mtg-{Hash(caller.Id + "\n" + key)[..32]}";
        string requestHash = Hash(JsonSerializer.Serialize(request, AppJson.Options));
        if (await directory.ReadAsync(meetingId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, requestHash, http, client, settings, request, cancellationToken);
        }

        // Validated here so a bad request writes nothing; the workflow checks again when it plans (the rooms may be taken meanwhile).
        DateTime now = time.GetUtcNow().UtcDateTime;
        var (plan, errors) = MeetingPlanner.Plan(request, await registry.ReadAsync(cancellationToken), await store.AroundAsync(request, cancellationToken),
            now, settings.Rules, meetingId);
        if (plan is null)
        {
            return Problems.Invalid(errors);
        }

        var entry = new MeetingEntry(meetingId, plan.HostUnitId, plan.Title, plan.Kind, plan.StartUtc, plan.EndUtc, MeetingPhase.Submitted)
        {
            ChairSiteId = plan.ChairSiteId,
            SiteCount = plan.SatelliteSiteIds.Count + 1,
            SubmittedBy = caller.Id,
            SubmittedAtUtc = now,
            RequestHash = requestHash,
        };
        if (!await directory.AddAsync(entry, cancellationToken))
        {
            return await ReplayAsync((await directory.ReadAsync(meetingId, cancellationToken))!, requestHash, http, client, settings, request, cancellationToken);
        }

        await StartAsync(client, meetingId, request, settings, cancellationToken);
        return Accepted(http, meetingId);
    }

    // A retried submit: the same request gets the same answer (and the orchestration, if the first attempt stopped before starting it).
    static async Task<IResult> ReplayAsync(MeetingEntry earlier, string requestHash, HttpContext http, DurableTaskClient client, MeetingSettings settings,
        MeetingRequest request, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != requestHash)
        {
            return TypedResults.Problem(title: "Idempotency-Key đã dùng cho yêu cầu khác (key reused)", statusCode: StatusCodes.Status422UnprocessableEntity,
                detail: "Khóa này đã gửi một yêu cầu khác; dùng khóa mới cho yêu cầu mới (this key was used for a different request).",
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { new ValidationError("Idempotency-Key", "reusedWithDifferentRequest", "Khóa đã dùng cho yêu cầu khác.") } });
        }

        if (await client.GetInstanceAsync(earlier.MeetingId, cancellation: cancellationToken) is null)
        {
            await StartAsync(client, earlier.MeetingId, request, settings, cancellationToken);
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Accepted(http, earlier.MeetingId);
    }

    static Task StartAsync(DurableTaskClient client, string meetingId, MeetingRequest request, MeetingSettings settings, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput(meetingId, request, settings.Policy, settings.Compression),
            new StartOrchestrationOptions(meetingId), cancellationToken);

    static IResult Accepted(HttpContext http, string meetingId)
    {
        string uri = $"{http.Request.Scheme}://{http.Request.Host}/api/meetings/{Uri.EscapeDataString(meetingId)}";
        return TypedResults.Accepted(uri, new MeetingAccepted(meetingId, uri, ManagementLinks.For(http.Request, meetingId)));
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

    static async Task<IResult> GetAsync(string id, HttpContext http, IMeetingDirectory directory, IMeetingStore store, IRegistry registry, DurableTaskClient client,
        MeetingSettings settings, IOptions<RelayClientOptions> relay, TimeProvider time, int? siteSkip, int? siteTop, CancellationToken cancellationToken)
    {
        if (siteSkip < 0 || siteTop is < 1 or > 1000)
        {
            return Problems.Invalid(siteSkip < 0 ? "siteSkip" : "siteTop", "range", "'siteSkip' ≥ 0; 'siteTop' từ 1 đến 1000.");
        }

        var (meeting, denied) = await FindAsync(id, http, directory, store, cancellationToken);
        if (meeting is null)
        {
            return denied!;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, cancellation: cancellationToken);
        MeetingStatus? status = instance?.ReadCustomStatusAs<MeetingStatus>();
        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(id, cancellationToken);
        int skip = siteSkip ?? 0;
        RegistryNames names = await RegistryNames.ReadAsync(registry, cancellationToken);
        return TypedResults.Ok(new MeetingDetails(MeetingListItem.From(meeting, names), instance?.RuntimeStatus, status,
            TimelineStates.Of(meeting, status, time.GetUtcNow().UtcDateTime, settings.Rules), status?.Readiness,
            [.. sites.Skip(skip).Take(siteTop ?? 500).Select(s => SiteReadiness.From(s, names))], skip, sites.Count)
        {
            RelayConnected = relay.Value.IsConfigured,
            RulesVersion = meeting.Schedule?.Policy.Version,
        });
    }

    static async Task<IResult> CancelAsync(string id, CancelMeeting body, HttpContext http, IMeetingDirectory directory, IMeetingStore store, DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (meeting, denied) = await FindHostedAsync(id, http, directory, store, cancellationToken);
        if (meeting is null)
        {
            return denied!;
        }

        if (body.Validate() is { Count: > 0 } invalid)
        {
            return Problems.Invalid(invalid);
        }

        // The directory decides, once: the request that closes the meeting is sent; any other, now or later, is refused.
        if (!await directory.TryCloseAsync(id, cancellationToken))
        {
            return NotRunning(id, InstanceAnswer.Finished);
        }

        // A workflow that is not running (never started, or stopped by ops) leaves the meeting closing: it takes no more requests either way.
        return await SendAsync(client, meeting, new CancelMeeting(body.Reason.Trim()), http, cancellationToken);
    }

    static async Task<IResult> RescheduleAsync(string id, RescheduleMeeting body, HttpContext http, IRegistry registry, IMeetingDirectory directory, IMeetingStore store,
        DurableTaskClient client, MeetingSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var (meeting, denied) = await FindHostedAsync(id, http, directory, store, cancellationToken);
        if (meeting is null || meeting.IsClosed)
        {
            return denied ?? NotRunning(id, InstanceAnswer.Finished);
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance?.ReadInputAs<MeetingInput>() is not { } input)
        {
            return Problems.Conflict($"Quy trình của hội nghị '{id}' chưa chạy (the meeting's workflow has not started).");
        }

        MeetingRequest moved = input.Request with { LocalStart = LocalTimes.Normalize(body.LocalStart), LocalEnd = LocalTimes.Normalize(body.LocalEnd) };
        if (MeetingPlanner.OutOfRange(moved) is { Count: > 0 } outOfRange)
        {
            return Problems.Invalid(outOfRange);
        }

        var (plan, errors) = MeetingPlanner.Plan(moved, await registry.ReadAsync(cancellationToken),
            await store.AroundAsync(moved, cancellationToken),
            time.GetUtcNow().UtcDateTime, meeting.Schedule?.Policy ?? settings.Rules, id); // a moved meeting keeps its rules
        return plan is null
            ? Problems.Invalid(errors)
            : await SendAsync(client, meeting, new RescheduleMeeting(moved.LocalStart, moved.LocalEnd), http, cancellationToken);
    }

    /// <summary>The meeting if the caller may change it (its host's coordinators, PPC Office, admins); otherwise 404 or 403.</summary>
    static async Task<(MeetingEntry? Meeting, IResult? Denied)> FindHostedAsync(string id, HttpContext http, IMeetingDirectory directory, IMeetingStore store,
        CancellationToken cancellationToken)
    {
        var (meeting, denied) = await FindAsync(id, http, directory, store, cancellationToken);
        return meeting is not null && !new Caller(http.User).MayHost(meeting.HostUnitId)
            ? (null, Problems.Forbidden($"Bạn không điều phối hội nghị của đơn vị '{meeting.HostUnitId}'."))
            : (meeting, denied);
    }

    /// <summary>Raises a control event on the meeting's orchestration: 202, or 409 when it has finished.</summary>
    internal static Task<IResult> SendAsync(DurableTaskClient client, MeetingEntry meeting, MeetingCommand command, HttpContext http, CancellationToken cancellationToken) =>
        SendAsync(meeting, () => client.SendToRunningAsync(meeting.MeetingId, command, cancellationToken), http);

    /// <summary>Sends something to the meeting's orchestration: 202, or 409 when it is closing, has finished or has not started.</summary>
    internal static async Task<IResult> SendAsync(MeetingEntry meeting, Func<Task<InstanceAnswer>> send, HttpContext http)
    {
        InstanceAnswer answer = meeting.IsClosed ? InstanceAnswer.Finished : await send();
        return answer == InstanceAnswer.Sent
            ? TypedResults.Accepted($"{http.Request.Scheme}://{http.Request.Host}/api/meetings/{Uri.EscapeDataString(meeting.MeetingId)}")
            : NotRunning(meeting.MeetingId, answer);
    }

    /// <summary>The 409 for a meeting whose workflow has not started or has finished.</summary>
    internal static IResult NotRunning(string id, InstanceAnswer answer) => answer == InstanceAnswer.NotFound
        ? Problems.Conflict($"Quy trình của hội nghị '{id}' chưa chạy (the meeting's workflow has not started).")
        : Problems.Conflict($"Hội nghị '{id}' đã kết thúc; không nhận thêm yêu cầu (the meeting has finished).");

    /// <summary>The meeting if it exists and the caller may see it; otherwise the 404 or 403 to answer with.</summary>
    internal static async Task<(MeetingEntry? Meeting, IResult? Denied)> FindAsync(string id, HttpContext http, IMeetingDirectory directory, IMeetingStore store,
        CancellationToken cancellationToken)
    {
        if (await directory.ReadAsync(id, cancellationToken) is not { } meeting)
        {
            return (null, Problems.NotFound($"Không có hội nghị '{id}' (no such meeting)."));
        }

        bool visible = await new Caller(http.User).MaySeeAsync(meeting.HostUnitId, async site => await store.ReadSiteAsync(id, site, cancellationToken) is not null);
        return visible ? (meeting, null) : (null, Problems.Forbidden($"Bạn không xem được hội nghị '{id}' (not your unit or site)."));
    }

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    static string WriteToken(int skip) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"skip:{skip.ToString(CultureInfo.InvariantCulture)}"));

    static bool TryReadToken(string token, out int skip)
    {
        skip = 0;
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out int n) && Encoding.UTF8.GetString(bytes, 0, n) is { } text
            && text.StartsWith("skip:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out skip);
    }
}
