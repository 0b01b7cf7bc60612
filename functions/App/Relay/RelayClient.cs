using Hntt.Domain.Rules;
using Hntt.Relay.Protocol;

namespace Hntt.App.Relay;

/// <summary>The relay refused or could not carry out a command; the activity fails and the workflow retries or escalates.</summary>
public sealed class RelayCommandFailedException(string message) : Exception(message);

/// <summary>
/// The workflow's side of the relay: each step as MCU commands, each with an idempotency key derived from the meeting
/// and the command, so an activity that runs twice acts once; sent over whichever <see cref="IRelayTransport"/> is configured.
/// </summary>
public sealed class RelayClient(IRelayTransport transport) : IRelayClient
{
    /// <inheritdoc/>
    public async Task CascadeAsync(string meetingId, string masterMcuId, ConnectionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (CascadeLink link in plan.Links)
        {
            // SL II.1 step 5: the slave joins the master's conference, then shows one site full-screen.
            await SendAsync(new RelayCommandRequest($"{meetingId}|cascade|{link.SlaveMcuId}", link.MasterMcuId, RelayCommandNames.Cascade, meetingId, link.SlaveMcuId), cancellationToken);
            await SendAsync(new RelayCommandRequest($"{meetingId}|layout|{link.SlaveMcuId}", link.SlaveMcuId, RelayCommandNames.Layout, meetingId, null, "speakerOnly"), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task BringToChairAsync(string meetingId, string masterMcuId, string siteMcuId, string siteId, string requestId, CancellationToken cancellationToken)
    {
        // A site on a slave reaches the master through the slave's cascade link: the slave sends it up, the master shows that link.
        if (siteMcuId != masterMcuId)
        {
            await SendAsync(new RelayCommandRequest($"{meetingId}|route|{requestId}", siteMcuId, RelayCommandNames.RouteUp, meetingId, siteId), cancellationToken);
        }

        string shown = siteMcuId != masterMcuId ? siteMcuId : siteId;
        await SendAsync(new RelayCommandRequest($"{meetingId}|chair|{requestId}", masterMcuId, RelayCommandNames.BringToChair, meetingId, shown), cancellationToken);
    }

    /// <inheritdoc/>
    public Task TearDownAsync(string meetingId, string masterMcuId, CancellationToken cancellationToken) =>
        SendAsync(new RelayCommandRequest($"{meetingId}|teardown", masterMcuId, RelayCommandNames.TearDown, meetingId), cancellationToken);

    /// <summary>Mutes or unmutes a participant (a site that disturbs the meeting).</summary>
    public Task MuteAsync(string meetingId, string mcuId, string participant, bool mute, string requestId, CancellationToken cancellationToken) =>
        SendAsync(new RelayCommandRequest($"{meetingId}|mute|{requestId}", mcuId, RelayCommandNames.Mute, meetingId, participant, mute ? "true" : "false"), cancellationToken);

    /// <summary>Disconnects a participant.</summary>
    public Task DisconnectAsync(string meetingId, string mcuId, string participant, string requestId, CancellationToken cancellationToken) =>
        SendAsync(new RelayCommandRequest($"{meetingId}|disconnect|{requestId}", mcuId, RelayCommandNames.Disconnect, meetingId, participant), cancellationToken);

    async Task SendAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        RelayCommandResult result = await transport.SendAsync(command, cancellationToken);
        AppTelemetry.RelayCommand(command.Command, System.Diagnostics.Stopwatch.GetElapsedTime(started), result.Succeeded);
        if (!result.Succeeded)
        {
            throw new RelayCommandFailedException($"{command.Command} on {command.McuId}: {result.Detail}");
        }
    }
}
