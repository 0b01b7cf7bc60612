using System.Net;
using System.Net.Http.Json;
using Hntt.Relay.Protocol;

namespace Hntt.App.Relay;

/// <summary>Signed HTTPS, one request per command, through the provincial VPN (SL I.5); the <see cref="HttpClient"/> signs (RelaySigningHandler).</summary>
public sealed class HttpRelayTransport(HttpClient http) : IRelayTransport
{
    /// <inheritdoc/>
    public async Task<RelayCommandResult> SendAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync(new Uri("commands", UriKind.Relative), command, cancellationToken);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadGateway
                && await response.Content.ReadFromJsonAsync<RelayCommandResult>(cancellationToken) is { } result
                ? result
                : new RelayCommandResult(false, $"the relay answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}", Elapsed(started));
        }
        catch (HttpRequestException ex)
        {
            return new RelayCommandResult(false, $"the relay could not be reached: {ex.Message}", Elapsed(started));
        }
    }

    /// <summary>A conference's participants and layout as the MCU reports them; null when it has none (a diagnostic, HTTPS only).</summary>
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

    static double Elapsed(long started) => System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
