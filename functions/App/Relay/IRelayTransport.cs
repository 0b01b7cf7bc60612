using Hntt.Relay.Protocol;

namespace Hntt.App.Relay;

/// <summary>
/// How a command reaches the on-prem relay and its outcome comes back: signed HTTPS through a VPN
/// (<see cref="HttpRelayTransport"/>) or Azure Service Bus, outbound-only from the province
/// (<see cref="ServiceBusRelayTransport"/>). The workflow does not know which; <c>RelayClient:Transport</c> picks it.
/// </summary>
/// <remarks>
/// The contract both keep (tests/Relay.Tests/Contract): the outcome is the MCU's; a command retried under the same
/// idempotency key acts once, and a failed one is tried again; one MCU's commands never overlap; a command the relay
/// did not take in time fails and is not run later; a command not signed with the caller's key is never run.
/// </remarks>
public interface IRelayTransport
{
    /// <summary>Sends a command and waits for its outcome; a transport failure is a failed outcome that says why, never an exception.</summary>
    Task<RelayCommandResult> SendAsync(RelayCommandRequest command, CancellationToken cancellationToken);
}
