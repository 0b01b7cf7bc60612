using Microsoft.DurableTask.Client;

namespace Hntt.TaskHub;

/// <summary>What became of a request to a running instance.</summary>
public enum InstanceAnswer
{
    /// <summary>Sent: the instance exists and has not finished.</summary>
    Sent,

    /// <summary>No such instance: nothing was sent.</summary>
    NotFound,

    /// <summary>The instance has finished: nothing was sent.</summary>
    Finished,
}

/// <summary>What our callers need beyond the SDK's client.</summary>
public static class ClientExtensions
{
    /// <summary>
    /// Raises an event only to an instance that exists and has not finished, and says which: the SDK silently drops
    /// events to missing or finished instances, while an API must answer 404 or 409.
    /// </summary>
    public static async Task<InstanceAnswer> RaiseEventToRunningAsync(this DurableTaskClient client, string instanceId, string eventName, object? payload,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        InstanceAnswer answer = await CheckRunningAsync(client, instanceId, cancellationToken).ConfigureAwait(false);
        if (answer == InstanceAnswer.Sent)
        {
            await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    /// <summary>Whether the instance exists and has not finished (<see cref="InstanceAnswer.Sent"/> when it may be sent to).</summary>
    public static async Task<InstanceAnswer> CheckRunningAsync(this DurableTaskClient client, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        return instance is null ? InstanceAnswer.NotFound : instance.IsCompleted ? InstanceAnswer.Finished : InstanceAnswer.Sent;
    }
}
