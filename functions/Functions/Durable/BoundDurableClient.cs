using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Durable;

/// <summary>
/// The application's <see cref="DurableTaskClient"/> in the Functions app. The Functions host hands each invocation
/// its client through the <c>[DurableClient]</c> binding; the application's services (meetings, the chair floor,
/// the timers' jobs) were built once and ask for a client from DI. Every function that binds one passes it here,
/// and this forwards to it — the same client for the host's lifetime, as the extension caches it per task hub.
/// Starting an instance whose id is taken throws <see cref="OrchestrationAlreadyExistsException"/>, as the
/// local host's client does, so the application sees one contract.
/// </summary>
public sealed class BoundDurableClient() : DurableTaskClient("bound")
{
    DurableTaskClient? bound;

    /// <summary>The client the host bound to the current invocation.</summary>
    public void Bind(DurableTaskClient client) => bound = client ?? throw new ArgumentNullException(nameof(client));

    DurableTaskClient Client => bound ?? throw new InvalidOperationException("No function has bound a durable client yet: every trigger that reaches the workflow takes [DurableClient].");

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        try
        {
            return await Client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            throw new OrchestrationAlreadyExistsException(ex.Status.Detail);
        }
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        Client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.TerminateInstanceAsync(instanceId, options, cancellation);

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Client.SuspendInstanceAsync(instanceId, reason, cancellation);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Client.ResumeInstanceAsync(instanceId, reason, cancellation);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Client.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => Client.GetAllInstancesAsync(filter);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    /// <inheritdoc/>
    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.PurgeInstanceAsync(instanceId, options, cancellation);

    /// <inheritdoc/>
    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.PurgeAllInstancesAsync(filter, options, cancellation);

    /// <inheritdoc/>
    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        Client.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    /// <inheritdoc/>
    public override Task<IList<DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        Client.GetOrchestrationHistoryAsync(instanceId, cancellation);

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask; // the host owns the bound client
}
