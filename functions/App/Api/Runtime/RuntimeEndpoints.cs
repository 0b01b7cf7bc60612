using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Api.Runtime;

/// <summary>An instance's status as the Durable Functions HTTP API returns it.</summary>
public sealed record InstanceStatus(string Name, string InstanceId, string RuntimeStatus, JsonNode? Input, JsonNode? CustomStatus, JsonNode? Output,
    DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime, IReadOnlyList<JsonNode>? HistoryEvents)
{
    /// <summary>The input's size in characters, so a page can offer to load a large one.</summary>
    public int InputSize { get; init; }

    /// <summary>The output's size in characters.</summary>
    public int OutputSize { get; init; }
}

/// <summary>The instance a restart started: the same id, or a new one.</summary>
public sealed record InstanceRestarted(string Id);

/// <summary>What a purge removed (Durable Functions' <c>instancesDeleted</c>).</summary>
public sealed record PurgeHistoryResult(int InstancesDeleted, bool IsComplete);

/// <summary>
/// <c>/runtime/instances…</c>: the orchestration management API, shaped like the Durable Functions HTTP API
/// (status 200/202/404, query with <c>x-ms-continuation-token</c>, raiseEvent 404/410, purge 412 while running), over the
/// SDK's client; and the poison messages the Azure Storage provider reported.
/// </summary>
internal static class RuntimeEndpoints
{
    const string ContinuationHeader = "x-ms-continuation-token";

    public static void MapRuntimeEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder runtime = routes.MapGroup("/runtime").WithTags("Runtime");
        runtime.MapGet("/instances/{instanceId}", GetAsync).RequireAuthorization(Access.ReadRuntime)
            .WithName("GetInstance").WithSummary("Status: 200 when finished, 202 while running or pending, 404 unknown.")
            .Produces<InstanceStatus>().Produces<InstanceStatus>(StatusCodes.Status202Accepted);
        runtime.MapGet("/instances", QueryAsync).RequireAuthorization(Access.ReadRuntime)
            .WithName("QueryInstances").WithSummary("Query by runtimeStatus, name, createdTimeFrom/To, instanceIdPrefix; paged by x-ms-continuation-token.")
            .Produces<IReadOnlyList<InstanceStatus>>();
        runtime.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseAsync).RequireAuthorization(Access.ManageRuntime).WithMetadata(new BodyLimit(64 * 1024))
            .WithName("RaiseEvent").WithSummary("Sends an event to a running instance (410 when it has finished).").Accepts<JsonNode>("application/json").Controls();
        runtime.MapPost("/instances/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient c, CancellationToken ct) =>
            ControlAsync(instanceId, () => WhenRunningAsync(c, instanceId, () => c.TerminateInstanceAsync(instanceId, reason, ct), ct))).RequireAuthorization(Access.ManageRuntime)
            .WithName("TerminateInstance").WithSummary("Terminates a running instance.").Controls();
        runtime.MapPost("/instances/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient c, CancellationToken ct) =>
            ControlAsync(instanceId, () => WhenRunningAsync(c, instanceId, () => c.SuspendInstanceAsync(instanceId, reason, ct), ct))).RequireAuthorization(Access.ManageRuntime)
            .WithName("SuspendInstance").WithSummary("Suspends a running instance: it takes no step until resumed.").Controls();
        runtime.MapPost("/instances/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient c, CancellationToken ct) =>
            ControlAsync(instanceId, () => WhenRunningAsync(c, instanceId, () => c.ResumeInstanceAsync(instanceId, reason, ct), ct))).RequireAuthorization(Access.ManageRuntime)
            .WithName("ResumeInstance").WithSummary("Resumes a suspended instance.").Controls();
        runtime.MapDelete("/instances/{instanceId}", PurgeOneAsync).RequireAuthorization(Access.ManageRuntime)
            .WithName("PurgeInstance").WithSummary("Purges a finished instance (412 while it runs).").Produces<PurgeHistoryResult>().ProducesProblems(StatusCodes.Status412PreconditionFailed);
        runtime.MapDelete("/instances", PurgeManyAsync).RequireAuthorization(Access.ManageRuntime)
            .WithName("PurgeInstances").WithSummary("Purges finished instances created in a range (createdTimeFrom required), optionally of some statuses.")
            .Produces<PurgeHistoryResult>().ProducesProblems(StatusCodes.Status404NotFound);
        runtime.MapPost("/instances/{instanceId}/restart", RestartAsync).RequireAuthorization(Access.ManageRuntime)
            .WithName("RestartInstance").WithSummary("Starts a finished instance again with its input (409 while it runs), under its id or a new one.")
            .ProducesWithLocation<InstanceRestarted>(StatusCodes.Status202Accepted).ProducesProblems(StatusCodes.Status409Conflict);
        runtime.MapGet("/poison", async (PoisonMessageLog poison, CancellationToken ct) => TypedResults.Ok(await poison.ReadAsync(ct)))
            .RequireAuthorization(Access.ReadRuntime).WithName("ListPoisonMessages")
            .WithSummary("Queue messages the provider keeps failing to process: it retries them every 10 minutes and has no dead-letter queue.");
    }

    static async Task<IResult> GetAsync(string instanceId, DurableTaskClient client, bool? showHistory, bool? showHistoryOutput, bool? showInput, bool? showOutput,
        CancellationToken cancellationToken)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return Problems.NotFound($"No orchestration instance '{instanceId}'.");
        }

        IReadOnlyList<JsonNode>? history = showHistory == true
            ? Render(await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken), showHistoryOutput == true)
            : null;
        InstanceStatus status = ToStatus(instance, showInput != false, history, showOutput != false);
        return instance.IsCompleted ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status202Accepted);
    }

    static async Task<IResult> QueryAsync(HttpContext http, DurableTaskClient client, string? runtimeStatus, string? name, DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo, string? instanceIdPrefix, int? top, bool? showInput, CancellationToken cancellationToken)
    {
        if (ParseStatuses(runtimeStatus, finishedOnly: false) is not { } statuses)
        {
            return Problems.Invalid("runtimeStatus", "oneOf", $"'{runtimeStatus}': runtime statuses, comma-separated, of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
        }

        if (top is < 1 or > 1000)
        {
            return Problems.Invalid("top", "range", "'top' is 1 to 1000.");
        }

        if (OutOfRange(createdTimeFrom, createdTimeTo) is { } outOfRange)
        {
            return outOfRange;
        }

        if (createdTimeFrom is { } from && createdTimeTo is { } to && to <= from)
        {
            return Problems.Invalid("createdTimeTo", "afterFrom", "'createdTimeTo' must be after 'createdTimeFrom'.");
        }

        var query = new OrchestrationQuery(createdTimeFrom, createdTimeTo, statuses.Count > 0 ? statuses : null, PageSize: top ?? 100,
            FetchInputsAndOutputs: showInput == true, ContinuationToken: http.Request.Headers[ContinuationHeader].FirstOrDefault(), InstanceIdPrefix: instanceIdPrefix);
        Page<OrchestrationMetadata> page;
        try
        {
            page = await client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, query.PageSize).FirstAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is FormatException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return Problems.Invalid(ContinuationHeader, "format", "The continuation token is not one this API gave out.");
        }

        if (page.ContinuationToken is { } next)
        {
            http.Response.Headers[ContinuationHeader] = next;
        }

        // The SDK's query has no name filter: this page is filtered here, so it may hold fewer than 'top'.
        return TypedResults.Ok(page.Values.Where(i => name is null || string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(i => ToStatus(i, showInput == true, null)));
    }

    static async Task<IResult> RaiseAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        JsonNode? payload;
        try
        {
            payload = request.ContentLength is 0 ? null : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problems.Invalid("body", "json", $"The event payload is not JSON: {ex.Message}");
        }

        if (eventName == MeetingCommand.EventName && NotACommand(payload) is { } problem)
        {
            return problem;
        }

        return await ControlAsync(instanceId, () => client.RaiseEventToRunningAsync(instanceId, eventName, payload, cancellationToken));
    }

    // A meeting takes only the closed set of commands on its Control event: anything else is refused here, not ignored there.
    static IResult? NotACommand(JsonNode? payload) =>
        CommandEvents.Parse(JsonSerializer.SerializeToElement(payload)).Errors is { Count: > 0 } errors ? Problems.Invalid(errors) : null;

    // Durable Functions: 202 accepted, 404 unknown instance, 410 when it has finished.
    // What ControlAsync answers: 202 once the request is queued for the instance, 410 when it has finished.
    static RouteHandlerBuilder Controls(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status202Accepted).ProducesProblems(StatusCodes.Status410Gone);

    static async Task<IResult> ControlAsync(string instanceId, Func<Task<InstanceAnswer>> send)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        return await send() switch
        {
            InstanceAnswer.Sent => TypedResults.Accepted((string?)null),
            InstanceAnswer.NotFound => Problems.NotFound($"No orchestration instance '{instanceId}'."),
            _ => Problems.Gone($"The orchestration '{instanceId}' has finished."),
        };
    }

    static async Task<InstanceAnswer> WhenRunningAsync(DurableTaskClient client, string instanceId, Func<Task> send, CancellationToken cancellationToken)
    {
        InstanceAnswer answer = await client.CheckRunningAsync(instanceId, cancellationToken);
        if (answer == InstanceAnswer.Sent)
        {
            await send();
        }

        return answer;
    }

    static async Task<IResult> RestartAsync(string instanceId, bool? restartWithNewInstanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        switch (await client.CheckRunningAsync(instanceId, cancellationToken))
        {
            case InstanceAnswer.NotFound:
                return Problems.NotFound($"No orchestration instance '{instanceId}'.");
            case InstanceAnswer.Sent:
                return Problems.Conflict($"The orchestration '{instanceId}' is still running; terminate it first.");
        }

        string id = await client.RestartAsync(instanceId, restartWithNewInstanceId == true, cancellationToken);
        return TypedResults.Accepted($"/runtime/instances/{Uri.EscapeDataString(id)}", new InstanceRestarted(id));
    }

    static async Task<IResult> PurgeOneAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        switch (await client.CheckRunningAsync(instanceId, cancellationToken))
        {
            case InstanceAnswer.NotFound:
                return Problems.NotFound($"No orchestration instance '{instanceId}'.");
            case InstanceAnswer.Sent:
                return Problems.PreconditionFailed($"The orchestration '{instanceId}' has not finished; only finished instances can be purged.");
        }

        PurgeResult result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount, result.IsComplete ?? true));
    }

    static async Task<IResult> PurgeManyAsync(DurableTaskClient client, DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus,
        CancellationToken cancellationToken)
    {
        if (createdTimeFrom is null)
        {
            return Problems.Invalid("createdTimeFrom", "required", "'createdTimeFrom' is required to purge by filter.");
        }

        if (OutOfRange(createdTimeFrom, createdTimeTo) is { } outOfRange)
        {
            return outOfRange;
        }

        if (ParseStatuses(runtimeStatus, finishedOnly: true) is not { } statuses)
        {
            return Problems.Invalid("runtimeStatus", "finished", $"'{runtimeStatus}': only Completed, Failed or Terminated instances are purged.");
        }

        // Bounded in time, so a purge of years never times out half-way with nothing to show (ADF#2211): call again while incomplete.
        PurgeResult result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(createdTimeFrom, createdTimeTo, statuses.Count > 0 ? statuses : null)
        {
            Timeout = TimeSpan.FromSeconds(20),
        }, cancellationToken);
        return result.PurgedInstanceCount == 0 && result.IsComplete != false
            ? Problems.NotFound("No finished instance matches the filter.")
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount, result.IsComplete ?? true));
    }

    // showOutput=false (an addition to the Durable Functions parameters) leaves a large output out, as showInput=false does the input.
    static InstanceStatus ToStatus(OrchestrationMetadata i, bool showInput, IReadOnlyList<JsonNode>? history, bool showOutput = true) =>
        new(i.Name, i.InstanceId, i.RuntimeStatus.ToString(), showInput ? Parse(i.SerializedInput) : null, Parse(i.SerializedCustomStatus),
            !showOutput ? null : Parse(i.SerializedOutput) ?? (i.FailureDetails is { } f ? JsonValue.Create(f.ErrorMessage) : null), i.CreatedAt, i.LastUpdatedAt, history)
        {
            InputSize = i.SerializedInput?.Length ?? 0,
            OutputSize = i.SerializedOutput?.Length ?? 0,
        };

    // Each event as Durable Functions shows it: EventType, Timestamp and its fields, without the step markers; inputs and results only with showHistoryOutput.
    static List<JsonNode> Render(IList<HistoryEvent> history, bool withOutput)
    {
        var rendered = new List<JsonNode>();
        foreach (HistoryEvent e in history.Where(e => e.EventType is not (EventType.OrchestratorStarted or EventType.OrchestratorCompleted)))
        {
            var entry = new JsonObject { ["eventType"] = e.EventType.ToString(), ["timestamp"] = DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc) };
            foreach (var (key, value) in JsonSerializer.SerializeToNode(e, e.GetType(), AppJson.Options)!.AsObject().ToList())
            {
                if (value is not null && key is not ("eventType" or "timestamp" or "isPlayed" or "extensionData" or "correlation" or "parentTraceContext" or "eventId")
                    && (withOutput || key is not ("input" or "result")))
                {
                    entry[key] = value.DeepClone();
                }
            }

            rendered.Add(entry);
        }

        return rendered;
    }

    // Names, not numbers ("Running,Completed"); null when one is not a status (or not a finished one, when asked).
    static List<OrchestrationRuntimeStatus>? ParseStatuses(string? text, bool finishedOnly)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (string s in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse(s, ignoreCase: true, out OrchestrationRuntimeStatus parsed) || int.TryParse(s, CultureInfo.InvariantCulture, out _) || (finishedOnly && !Finished(parsed)))
            {
                return null;
            }

            statuses.Add(parsed);
        }

        return statuses;
    }

    static bool Finished(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    static IResult? OutOfRange(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { Year: < 2000 or > 2100 } ? Problems.Invalid("createdTimeFrom", "range", "Times are within the years 2000–2100.")
        : to is { Year: < 2000 or > 2100 } ? Problems.Invalid("createdTimeTo", "range", "Times are within the years 2000–2100.")
        : null;

    static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    static bool ValidId(string id) => RouteIds.Valid(id);

    static IResult InvalidId() => Problems.Invalid("instanceId", "format", "Instance ids are 1–256 characters without / \\ # ? or control characters.");
}
