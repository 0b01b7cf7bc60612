using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hntt.App.Api.Security;
using Hntt.Durable;
using Hntt.Durable.Client;

namespace Hntt.App.Api.Runtime;

/// <summary>An instance's status as the Durable Functions HTTP API returns it.</summary>
public sealed record InstanceStatus(string Name, string InstanceId, string RuntimeStatus, JsonNode? Input, JsonNode? CustomStatus, JsonNode? Output,
    DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime, int DeadLetterCount, IReadOnlyList<JsonNode>? HistoryEvents)
{
    /// <summary>The input's size in characters, so a page can offer to load a large one.</summary>
    public int InputSize { get; init; }

    /// <summary>The output's size in characters.</summary>
    public int OutputSize { get; init; }
}

/// <summary>What a purge removed (Durable Functions' <c>instancesDeleted</c>).</summary>
public sealed record PurgeHistoryResult(int InstancesDeleted, bool IsComplete);

/// <summary>
/// <c>/runtime/instances…</c>: the orchestration management API, shaped like the Durable Functions HTTP API
/// (status 200/202/404, query with <c>x-ms-continuation-token</c>, raiseEvent 404/410, purge 412 while running).
/// </summary>
internal static class RuntimeEndpoints
{
    const string ContinuationHeader = "x-ms-continuation-token";

    public static void MapRuntimeEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder runtime = routes.MapGroup("/runtime").WithTags("Runtime");
        runtime.MapGet("/instances/{instanceId}", GetAsync).RequireAuthorization(Access.ReadRuntime)
            .WithSummary("Status: 200 when finished, 202 while running or pending, 404 unknown.");
        runtime.MapGet("/instances", QueryAsync).RequireAuthorization(Access.ReadRuntime)
            .WithSummary("Query by runtimeStatus, name, createdTimeFrom/To, instanceIdPrefix; paged by x-ms-continuation-token.");
        runtime.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseAsync).RequireAuthorization(Access.ManageRuntime).WithMetadata(new BodyLimit(64 * 1024));
        runtime.MapPost("/instances/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient c, CancellationToken ct) =>
            ControlAsync(instanceId, () => c.TerminateInstanceAsync(instanceId, reason, ct))).RequireAuthorization(Access.ManageRuntime);
        runtime.MapPost("/instances/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient c, CancellationToken ct) =>
            ControlAsync(instanceId, () => c.SuspendInstanceAsync(instanceId, reason, ct))).RequireAuthorization(Access.ManageRuntime);
        runtime.MapPost("/instances/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient c, CancellationToken ct) =>
            ControlAsync(instanceId, () => c.ResumeInstanceAsync(instanceId, reason, ct))).RequireAuthorization(Access.ManageRuntime);
        runtime.MapDelete("/instances/{instanceId}", PurgeOneAsync).RequireAuthorization(Access.ManageRuntime).WithSummary("Purges a finished instance (412 while it runs).");
        runtime.MapDelete("/instances", PurgeManyAsync).RequireAuthorization(Access.ManageRuntime)
            .WithSummary("Purges finished instances created in a range (createdTimeFrom required), optionally of some statuses.");
        runtime.MapGet("/deadletters", async (DurableTaskClient c, CancellationToken ct) => TypedResults.Ok(await c.GetDeadLettersAsync(ct)))
            .RequireAuthorization(Access.ReadRuntime);
        runtime.MapPost("/deadletters/{deadLetterId}/replay", ReplayAsync).RequireAuthorization(Access.ManageRuntime);
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

        OrchestrationQueryPage page;
        try
        {
            page = await client.QueryInstancesAsync(new OrchestrationQuery
            {
                Statuses = statuses,
                Name = name,
                CreatedFrom = createdTimeFrom,
                CreatedTo = createdTimeTo,
                InstanceIdPrefix = instanceIdPrefix,
                PageSize = top ?? 100,
                ContinuationToken = http.Request.Headers[ContinuationHeader].FirstOrDefault(),
                FetchInputsAndOutputs = showInput == true,
            }, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return Problems.Invalid(ContinuationHeader, "format", ex.Message);
        }

        if (page.ContinuationToken is { } next)
        {
            http.Response.Headers[ContinuationHeader] = next;
        }

        return TypedResults.Ok(page.Instances.Select(i => ToStatus(i, showInput == true, null)));
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

        return await ControlAsync(instanceId, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken));
    }

    // Durable Functions: 202 accepted, 404 unknown instance, 410 when it has finished.
    static async Task<IResult> ControlAsync(string instanceId, Func<Task> send)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        try
        {
            await send();
            return TypedResults.Accepted((string?)null);
        }
        catch (OrchestrationNotFoundException)
        {
            return Problems.NotFound($"No orchestration instance '{instanceId}'.");
        }
        catch (OrchestrationStateException ex)
        {
            return Problems.Gone($"The orchestration '{instanceId}' has finished ({ex.Status}).");
        }
    }

    static async Task<IResult> PurgeOneAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!ValidId(instanceId))
        {
            return InvalidId();
        }

        try
        {
            PurgeResult result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
            return result.PurgedInstanceCount == 0
                ? Problems.NotFound($"No orchestration instance '{instanceId}'.")
                : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount, result.IsComplete));
        }
        catch (OrchestrationStateException ex)
        {
            return Problems.PreconditionFailed($"The orchestration '{instanceId}' is {ex.Status}; only finished instances can be purged.");
        }
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
            return Problems.Invalid("runtimeStatus", "finished", $"'{runtimeStatus}': only Completed, Failed, Terminated or Canceled instances are purged.");
        }

        PurgeResult result = await client.PurgeInstancesAsync(new PurgeInstancesFilter(createdTimeFrom, createdTimeTo, statuses.Count > 0 ? statuses : null),
            cancellationToken: cancellationToken);
        return result.PurgedInstanceCount == 0 && result.IsComplete
            ? Problems.NotFound("No finished instance matches the filter.")
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount, result.IsComplete));
    }

    static async Task<IResult> ReplayAsync(string deadLetterId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ReplayDeadLetterAsync(deadLetterId, cancellationToken);
            return TypedResults.Accepted((string?)null);
        }
        catch (ArgumentException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    // showOutput=false (an addition to the Durable Functions parameters) leaves a large output out, as showInput=false does the input.
    static InstanceStatus ToStatus(OrchestrationMetadata i, bool showInput, IReadOnlyList<JsonNode>? history, bool showOutput = true) =>
        new(i.Name, i.InstanceId, i.RuntimeStatus.ToString(), showInput ? Parse(i.SerializedInput) : null, Parse(i.SerializedCustomStatus),
            !showOutput ? null : Parse(i.SerializedOutput) ?? (i.FailureDetails is { } f ? JsonValue.Create(f.ErrorMessage) : null), i.CreatedAt, i.LastUpdatedAt, i.DeadLetterCount, history)
        {
            InputSize = i.SerializedInput?.Length ?? 0,
            OutputSize = i.SerializedOutput?.Length ?? 0,
        };

    // Each event as Durable Functions shows it: EventType, Timestamp (of the step that wrote it), and its fields; inputs and results only with showHistoryOutput.
    static List<JsonNode> Render(IReadOnlyList<HistoryEvent> history, bool withOutput)
    {
        var rendered = new List<JsonNode>();
        DateTime step = default;
        foreach (HistoryEvent e in history)
        {
            if (e is OrchestratorStarted started)
            {
                step = started.Timestamp;
                continue;
            }

            var node = JsonSerializer.SerializeToNode(e, e.GetType(), DataConverter.Options)!.AsObject();
            if (!withOutput)
            {
                node.Remove("input");
                node.Remove("result");
            }

            var entry = new JsonObject { ["eventType"] = e.GetType().Name, ["timestamp"] = DateTime.SpecifyKind(step, DateTimeKind.Utc) };
            foreach (var (key, value) in node.ToList())
            {
                node.Remove(key);
                entry[key] = value;
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
            if (!Enum.TryParse(s, ignoreCase: true, out OrchestrationRuntimeStatus parsed) || int.TryParse(s, CultureInfo.InvariantCulture, out _) || (finishedOnly && !parsed.IsTerminal()))
            {
                return null;
            }

            statuses.Add(parsed);
        }

        return statuses;
    }

    static IResult? OutOfRange(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { Year: < 2000 or > 2100 } ? Problems.Invalid("createdTimeFrom", "range", "Times are within the years 2000–2100.")
        : to is { Year: < 2000 or > 2100 } ? Problems.Invalid("createdTimeTo", "range", "Times are within the years 2000–2100.")
        : null;

    static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    static bool ValidId(string id) => id.Length is > 0 and <= 256 && !id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '|');

    static IResult InvalidId() => Problems.Invalid("instanceId", "format", "Instance ids are 1–256 characters without / \\ # ? or control characters.");
}
