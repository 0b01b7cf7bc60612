using System.Runtime.CompilerServices;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Hntt.TaskHub;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over a Durable Task Framework orchestration service (the Azure Storage
/// provider in the service, an in-memory one in tests): what Microsoft's unpublished
/// <c>OrchestrationServiceClientShim</c> package does, kept small.
/// </summary>
/// <remarks>
/// The SDK's semantics hold: an event raised to a missing or finished instance is dropped, a purge of a running
/// instance purges nothing. Callers that must answer differently (404, 409) look the instance up first.
/// </remarks>
public sealed class CoreDurableTaskClient : DurableTaskClient
{
    static readonly OrchestrationStatus[] Unfinished = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];
    readonly IOrchestrationServiceClient service;
    readonly IOrchestrationServiceQueryClient query;
    readonly IOrchestrationServicePurgeClient purge;
    readonly DataConverter converter;
    readonly TimeProvider time;
    readonly string? defaultVersion;

    /// <summary>
    /// A client over <paramref name="service"/>, which must also answer queries and purges; it stamps
    /// <paramref name="defaultVersion"/> on the orchestrations it starts without a version of their own.
    /// </summary>
    public CoreDurableTaskClient(IOrchestrationServiceClient service, DataConverter converter, TimeProvider time, string? defaultVersion = null)
        : base("hntt")
    {
        this.defaultVersion = string.IsNullOrWhiteSpace(defaultVersion) ? null : defaultVersion;
        ArgumentNullException.ThrowIfNull(service);
        this.service = service;
        query = service as IOrchestrationServiceQueryClient ?? throw new ArgumentException("The service cannot query instances.", nameof(service));
        purge = service as IOrchestrationServicePurgeClient ?? throw new ArgumentException("The service cannot purge instances.", nameof(service));
        this.converter = converter;
        this.time = time;
    }

    /// <inheritdoc/>
    /// <exception cref="OrchestrationAlreadyExistsException">An unfinished instance has that id (unless <see cref="StartOrchestrationOptions.DedupeStatuses"/> says otherwise).</exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        return await CreateAsync(orchestratorName, converter.Serialize(input), options);
    }

    async Task<string> CreateAsync(TaskName orchestratorName, string? serializedInput, StartOrchestrationOptions? options)
    {
        var instance = new OrchestrationInstance { InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"), ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, serializedInput)
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version is { Length: > 0 } version ? version : defaultVersion,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };
        OrchestrationStatus[] dedupe = options?.DedupeStatuses is { } statuses
            ? [.. statuses.Select(s => Enum.Parse<OrchestrationStatus>(s, ignoreCase: true))]
            : Unfinished;
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        return instance.InstanceId;
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName });
    }

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, options?.Output is { } output ? converter.Serialize(output) : null);
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

    Task SendAsync(string instanceId, HistoryEvent e)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = e });
    }

    /// <inheritdoc/>
    /// <remarks>The instance row is read whole: the provider returns the custom status only with inputs and outputs.</remarks>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        IList<OrchestrationState> states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states.FirstOrDefault(s => s is not null) is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            var coreQuery = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (OrchestrationStatus)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = true,
                ExcludeEntities = true,
            };
            OrchestrationQueryResult result = await query.GetOrchestrationWithQueryAsync(coreQuery, cancellation);
            bool full = filter?.FetchInputsAndOutputs ?? false;
            return new Page<OrchestrationMetadata>([.. result.OrchestrationState.Select(s => ToMetadata(s, full))], result.ContinuationToken);
        });

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, getInputsAndOutputs, cancellation);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, m => m.IsCompleted, getInputsAndOutputs, cancellation);

    // Polls the instance row, backing off from 20 ms to 1 s: the provider's own wait polls every 2 s.
    async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> done, bool getInputsAndOutputs, CancellationToken cancellation)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { } instance && done(instance))
            {
                return instance;
            }

            await Task.Delay(pause, time, cancellation);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (await GetInstancesAsync(instanceId, cancellation: cancellation) is not { IsCompleted: true })
        {
            return new PurgeResult(0, isComplete: true);
        }

        CorePurgeResult result = await purge.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount, isComplete: true);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Purges in pages of 100 instances, each instance on its own, so that a call cut short by
    /// <see cref="PurgeInstancesFilter.Timeout"/> or cancellation loses nothing and says it is incomplete (ADF#2211).
    /// </remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        OrchestrationRuntimeStatus[] finished = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
        OrchestrationRuntimeStatus[] statuses = filter.Statuses is { } s && s.Any() ? [.. s.Intersect(finished)] : finished;
        DateTimeOffset deadline = filter.Timeout is { } limit ? time.GetUtcNow() + limit : DateTimeOffset.MaxValue;
        int purged = 0;
        string? continuation = null;
        do
        {
            if (time.GetUtcNow() >= deadline || cancellation.IsCancellationRequested)
            {
                return new PurgeResult(purged, isComplete: false);
            }

            OrchestrationQueryResult page = await query.GetOrchestrationWithQueryAsync(new CoreQuery
            {
                RuntimeStatus = [.. statuses.Select(x => (OrchestrationStatus)x)],
                CreatedTimeFrom = filter.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter.CreatedTo?.UtcDateTime,
                PageSize = 100,
                ContinuationToken = continuation,
                ExcludeEntities = true,
            }, cancellation);
            foreach (OrchestrationState state in page.OrchestrationState)
            {
                purged += (await purge.PurgeInstanceStateAsync(state.OrchestrationInstance.InstanceId)).DeletedInstanceCount;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return new PurgeResult(purged, isComplete: true);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No such instance.</exception>
    /// <exception cref="InvalidOperationException">The instance has not finished.</exception>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        OrchestrationMetadata instance = await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}'.", nameof(instanceId));
        if (!instance.IsCompleted)
        {
            throw new InvalidOperationException($"The orchestration '{instanceId}' is {instance.RuntimeStatus}; only finished instances can be restarted.");
        }

        var options = new StartOrchestrationOptions(restartWithNewInstanceId ? null : instanceId) { DedupeStatuses = [] };
        return await CreateAsync(instance.Name, instance.SerializedInput, options);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No such instance.</exception>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        IList<OrchestrationState> states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        OrchestrationState state = states.FirstOrDefault(s => s is not null) ?? throw new ArgumentException($"No orchestration instance '{instanceId}'.", nameof(instanceId));
        return HistoryJson.Parse(await service.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId));
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    OrchestrationMetadata ToMetadata(OrchestrationState state, bool withInputsAndOutputs) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = Utc(state.CreatedTime),
        LastUpdatedAt = Utc(state.LastUpdatedTime),
        SerializedInput = withInputsAndOutputs ? state.Input : null,
        SerializedOutput = withInputsAndOutputs && state.FailureDetails is null ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = ToDetails(state.FailureDetails),
        Tags = state.Tags?.AsReadOnly() ?? new Dictionary<string, string>().AsReadOnly(),
    };

    static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    static TaskFailureDetails? ToDetails(FailureDetails? details) => details is null ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToDetails(details.InnerFailure), null);
}
