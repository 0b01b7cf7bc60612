using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Meetings;

/// <summary>
/// Submitting, cancelling and moving meetings, once for every front door (the API, the pages, the demo seeder, the
/// Functions app): who may (<see cref="MeetingGate"/>), whether the request holds (the planner, the commands' own
/// rules), idempotency, the directory and the workflow. Front doors parse their input and say the answer.
/// </summary>
public sealed class MeetingService(MeetingGate gate, IRegistry registry, IMeetingStore store, IMeetingDirectory directory, DurableTaskClient client,
    MeetingSettings settings, TimeProvider time)
{
    /// <summary>
    /// Checks a request against the registry and the bookings, lists it and starts its workflow. With an
    /// <paramref name="idempotencyKey"/>, a retry of the same request gets the same meeting (and its workflow, if the
    /// first attempt stopped before starting it); the key with another request is refused.
    /// </summary>
    public async Task<MeetingAnswer> SubmitAsync(Caller caller, MeetingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.MayHost(request.HostUnitId))
        {
            return new MeetingAnswer.Forbidden($"Bạn không điều phối hội nghị của đơn vị '{request.HostUnitId}' (you do not coordinate for this unit).");
        }

        if (MeetingPlanner.OutOfRange(request) is { Count: > 0 } outOfRange)
        {
            return new MeetingAnswer.Invalid(outOfRange);
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 128 || idempotencyKey.Any(char.IsControl)))
        {
            return new MeetingAnswer.Invalid("Idempotency-Key", "format", "Idempotency-Key: 1–128 ký tự in được (1 to 128 printable characters).");
        }

        string meetingId = idempotencyKey is null ? $"mtg-{Guid.NewGuid():N}" : $"mtg-{Hash(caller.Id + "\n" + idempotencyKey)[..32]}";
        string requestHash = Hash(JsonSerializer.Serialize(request, AppJson.Options));
        if (await directory.ReadAsync(meetingId, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, requestHash, request, cancellationToken);
        }

        // Checked here so a bad request writes nothing; the workflow checks again when it plans (the rooms may be taken meanwhile).
        DateTime now = time.GetUtcNow().UtcDateTime;
        var (plan, errors) = MeetingPlanner.Plan(request, await registry.ReadAsync(cancellationToken), await store.AroundAsync(request, cancellationToken),
            now, settings.Rules, meetingId);
        if (plan is null)
        {
            return new MeetingAnswer.Invalid(errors);
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
            return await ReplayAsync((await directory.ReadAsync(meetingId, cancellationToken))!, requestHash, request, cancellationToken);
        }

        await StartAsync(meetingId, request, cancellationToken);
        return new MeetingAnswer.Accepted(meetingId);
    }

    /// <summary>Cancels an open meeting; the directory decides once, so of two cancels at once one is sent and the other refused.</summary>
    public async Task<MeetingAnswer> CancelAsync(Caller caller, string meetingId, CancelMeeting command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (meeting, refusal) = await gate.CheckAsync(caller, meetingId, MeetingRight.Host, cancellationToken);
        if (meeting is null)
        {
            return refusal!;
        }

        if (command.Validate() is { Count: > 0 } invalid)
        {
            return new MeetingAnswer.Invalid(invalid);
        }

        if (!await directory.TryCloseAsync(meetingId, cancellationToken))
        {
            return MeetingGate.NotRunning(meetingId, InstanceAnswer.Finished);
        }

        // A workflow that is not running (never started, or stopped by ops) leaves the meeting closing: it takes no more requests either way.
        return await SendAsync(meeting, () => client.SendToRunningAsync(meetingId, command with { Reason = command.Reason.Trim() }, cancellationToken));
    }

    /// <summary>Moves an open meeting, checked against the bookings under the rules it was planned with; the workflow re-books and tells everyone.</summary>
    public async Task<MeetingAnswer> RescheduleAsync(Caller caller, string meetingId, RescheduleMeeting command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (meeting, refusal) = await gate.CheckAsync(caller, meetingId, MeetingRight.Host, cancellationToken, open: true);
        if (meeting is null)
        {
            return refusal!;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(meetingId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.ReadInputAs<MeetingInput>() is not { } input)
        {
            return MeetingGate.NotRunning(meetingId, InstanceAnswer.NotFound);
        }

        MeetingRequest moved = input.Request with { LocalStart = command.LocalStart, LocalEnd = command.LocalEnd };
        if (MeetingPlanner.OutOfRange(moved) is { Count: > 0 } outOfRange)
        {
            return new MeetingAnswer.Invalid(outOfRange);
        }

        var (plan, errors) = MeetingPlanner.Plan(moved, await registry.ReadAsync(cancellationToken), await store.AroundAsync(moved, cancellationToken),
            time.GetUtcNow().UtcDateTime, meeting.Schedule?.Policy ?? settings.Rules, meetingId); // a moved meeting keeps its rules
        return plan is null
            ? new MeetingAnswer.Invalid(errors)
            : await SendAsync(meeting, () => client.SendToRunningAsync(meetingId, command, cancellationToken));
    }

    /// <summary>Sends something to an open meeting's workflow: accepted, or why not (closing, finished, not started).</summary>
    public static async Task<MeetingAnswer> SendAsync(MeetingEntry meeting, Func<Task<InstanceAnswer>> send)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(send);
        InstanceAnswer answer = meeting.IsClosed ? InstanceAnswer.Finished : await send();
        return answer == InstanceAnswer.Sent ? new MeetingAnswer.Accepted(meeting.MeetingId) : MeetingGate.NotRunning(meeting.MeetingId, answer);
    }

    // A retried submit: the same request gets the same answer (and the workflow, if the first attempt stopped before starting it).
    async Task<MeetingAnswer> ReplayAsync(MeetingEntry earlier, string requestHash, MeetingRequest request, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != requestHash)
        {
            return new MeetingAnswer.KeyReused();
        }

        if (await client.GetInstanceAsync(earlier.MeetingId, cancellation: cancellationToken) is null)
        {
            await StartAsync(earlier.MeetingId, request, cancellationToken);
        }

        return new MeetingAnswer.Accepted(earlier.MeetingId, Replayed: true);
    }

    Task StartAsync(string meetingId, MeetingRequest request, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput(meetingId, request, settings.Policy, settings.Compression),
            new StartOrchestrationOptions(meetingId), cancellationToken);

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
