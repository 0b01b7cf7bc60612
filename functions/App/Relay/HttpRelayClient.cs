using System.Net;
using System.Net.Http.Json;
using Hntt.Domain.Rules;
using Hntt.Relay.Protocol;

namespace Hntt.App.Relay;

/// <summary>The relay refused or could not carry out a command; the activity fails and the workflow retries or escalates.</summary>
public sealed class RelayCommandFailedException(string message) : Exception(message);

/// <summary>
/// The cloud side of the relay channel: signed HTTPS requests (through the provincial VPN, SL I.5), one per command,
/// each with an idempotency key derived from the meeting and the command, so an activity that runs twice acts once.
/// </summary>
public sealed class HttpRelayClient(HttpClient http) : IRelayClient
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

    /// <summary>A conference's participants and layout as the MCU reports them; null when it has none.</summary>
    public async Task<ConferenceStatus?> ReadConferenceAsync(string mcuId, string conference, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri($"mcus/{Uri.EscapeDataString(mcuId)}/conferences/{Uri.EscapeDataString(conference)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RelayCommandFailedException($"status of {conference} on {mcuId}: the relay answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<ConferenceStatus>(cancellationToken);
    }

    async Task SendAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool succeeded = false;
        try
        {
            await SendOnceAsync(command, cancellationToken);
            succeeded = true;
        }
        finally
        {
            AppTelemetry.RelayCommand(command.Command, System.Diagnostics.Stopwatch.GetElapsedTime(started), succeeded);
        }
    }

    async Task SendOnceAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(new Uri("commands", UriKind.Relative), command, cancellationToken);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadGateway)
        {
            RelayCommandResult? result = await response.Content.ReadFromJsonAsync<RelayCommandResult>(cancellationToken);
            if (result is { Succeeded: true })
            {
                return;
            }

            throw new RelayCommandFailedException($"{command.Command} on {command.McuId}: {result?.Detail}");
        }

        throw new RelayCommandFailedException($"{command.Command} on {command.McuId}: the relay answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
