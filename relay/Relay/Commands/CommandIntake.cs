using Hntt.Relay.Protocol;
using Hntt.Relay.Security;

namespace Hntt.Relay.Commands;

/// <summary>What became of a command a transport handed in.</summary>
public abstract record Intake
{
    private Intake()
    {
    }

    /// <summary>Carried out, or tried: the MCU's outcome.</summary>
    public sealed record Executed(RelayCommandRequest Command, RelayCommandResult Result) : Intake;

    /// <summary>Not signed by a known caller, stale or replayed; nothing was run.</summary>
    public sealed record NotGenuine(string Reason) : Intake;

    /// <summary>Genuine but not a command this relay can run; nothing was run.</summary>
    public sealed record Malformed(string Reason) : Intake;
}

/// <summary>
/// The one way a command reaches an MCU, whichever transport brought it: verified, checked, carried out once per
/// idempotency key (<see cref="CommandDispatcher"/>), and audited.
/// </summary>
internal sealed class CommandIntake(SignatureVerifier verifier, CommandDispatcher dispatcher, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// A command from a queue, taken by the broker at <paramref name="enqueuedAt"/> in the session of MCU
    /// <paramref name="session"/>; <paramref name="redelivered"/> when the broker delivers it again.
    /// </summary>
    public async Task<Intake> HandleQueuedAsync(SignedCommand signed, DateTimeOffset enqueuedAt, string? session, bool redelivered)
    {
        var (caller, reason) = verifier.Verify(signed, enqueuedAt, redelivered);
        if (caller is null)
        {
            return new Intake.NotGenuine(reason!);
        }

        RelayCommandRequest? command = signed.Command();
        return command is not null && command.McuId != session
            ? new Intake.Malformed($"the message's session '{session}' is not its command's MCU '{command.McuId}'")
            : await RunAsync(caller, command);
    }

    /// <summary>A verified caller's command (HTTPS verifies the request before reading it).</summary>
    public async Task<Intake> RunAsync(string caller, RelayCommandRequest? command)
    {
        if (command is null || string.IsNullOrWhiteSpace(command.IdempotencyKey) || string.IsNullOrWhiteSpace(command.McuId) || !RelayCommandNames.All.Contains(command.Command))
        {
            return new Intake.Malformed($"A command needs an idempotencyKey, an mcuId and one of: {string.Join(", ", RelayCommandNames.All)}.");
        }

        RelayCommandResult result = await dispatcher.ExecuteAsync(caller, command);
        await audit.WriteAsync(time.GetUtcNow(), caller, command, result);
        return new Intake.Executed(command, result);
    }
}
