using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Hntt.Relay.Protocol;

namespace Hntt.Relay.Mcu;

/// <summary>
/// Cisco Meeting Server through its REST API (API Blueprint <c>ciscocms/apiary</c>): Basic authentication,
/// form-encoded POST and PUT, XML answers, new objects' ids in the <c>Location</c> header, errors as
/// <c>&lt;failureDetails&gt;</c>. A meeting is one call (named by the meeting id); a cascaded slave or a dialled
/// site is one call leg of it.
/// </summary>
public sealed class CmsMcuDriver(string id, HttpClient http, string dialDomain) : IMcuDriver
{
    readonly ConcurrentDictionary<string, string> calls = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string Conference, string Party), string> legs = new();

    /// <summary>The <c>Authorization</c> header value for an API user.</summary>
    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <inheritdoc/>
    public async Task<string> ExecuteAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        string call = await CallAsync(command.Conference, cancellationToken);
        switch (command.Command)
        {
            case RelayCommandNames.Cascade:
                // SL II.1 step 5: the master dials the slave into the meeting's call: a new call leg.
                string party = Address(command.Target ?? throw new McuException("cascade needs the slave MCU as target."));
                string leg = await CreateAsync($"calls/{call}/callLegs", new() { ["remoteParty"] = party }, cancellationToken);
                legs[(command.Conference, command.Target)] = leg;
                return $"call leg {leg} to {party}";
            case RelayCommandNames.Layout:
                await SendAsync(HttpMethod.Put, $"calls/{call}/participants/*", new() { ["chosenLayout"] = command.Value ?? "automatic" }, cancellationToken);
                return $"layout {command.Value}";
            case RelayCommandNames.RouteUp:
            case RelayCommandNames.BringToChair:
                // SL II.1 step 6: pane placement puts the most important leg first — on a slave, in what it sends up
                // the cascade; on the master, on every screen, the chair's included.
                string target = await LegAsync(command.Conference, call, command.Target, cancellationToken);
                await SendAsync(HttpMethod.Put, $"calls/{call}", new() { ["panePlacementHighestImportance"] = "1" }, cancellationToken);
                await SendAsync(HttpMethod.Put, $"callLegs/{target}", new() { ["importance"] = "1" }, cancellationToken);
                return $"{command.Target} placed first";
            case RelayCommandNames.Mute:
                string muted = await LegAsync(command.Conference, call, command.Target, cancellationToken);
                await SendAsync(HttpMethod.Put, $"callLegs/{muted}", new() { ["rxAudioMute"] = command.Value == "true" ? "true" : "false" }, cancellationToken);
                return $"{command.Target} rxAudioMute={command.Value}";
            case RelayCommandNames.Disconnect:
                string dropped = await LegAsync(command.Conference, call, command.Target, cancellationToken);
                await SendAsync(HttpMethod.Delete, $"callLegs/{dropped}", null, cancellationToken);
                legs.TryRemove((command.Conference, command.Target!), out _);
                return $"{command.Target} disconnected";
            case RelayCommandNames.TearDown:
                await SendAsync(HttpMethod.Delete, $"calls/{call}", null, cancellationToken);
                calls.TryRemove(command.Conference, out _);
                return "call ended";
            default:
                throw new McuException($"Unknown command '{command.Command}'.");
        }
    }

    /// <inheritdoc/>
    public async Task<ConferenceStatus?> ReadAsync(string conference, CancellationToken cancellationToken)
    {
        if (await FindCallAsync(conference, cancellationToken) is not { } call)
        {
            return null;
        }

        XDocument callLegs = await GetAsync($"calls/{call}/callLegs", cancellationToken);
        string[] parties = [.. callLegs.Root!.Elements("callLeg").Select(l => (string?)l.Element("remoteParty") ?? (string?)l.Element("name") ?? string.Empty).Order(StringComparer.Ordinal)];
        return new ConferenceStatus(conference, parties, "automatic", null, false);
    }

    string Address(string party) => party.Contains('@', StringComparison.Ordinal) ? party : $"{party}@{dialDomain}";

    async Task<string> CallAsync(string conference, CancellationToken cancellationToken)
    {
        if (calls.TryGetValue(conference, out string? known))
        {
            return known;
        }

        string call = await FindCallAsync(conference, cancellationToken) ?? await CreateAsync("calls", new() { ["name"] = conference }, cancellationToken);
        calls[conference] = call;
        return call;
    }

    async Task<string?> FindCallAsync(string conference, CancellationToken cancellationToken)
    {
        XDocument active = await GetAsync("calls", cancellationToken);
        return active.Root!.Elements("call").FirstOrDefault(c => (string?)c.Element("name") == conference)?.Attribute("id")?.Value;
    }

    async Task<string> LegAsync(string conference, string call, string? party, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(party);
        if (legs.TryGetValue((conference, party), out string? leg))
        {
            return leg;
        }

        XDocument callLegs = await GetAsync($"calls/{call}/callLegs", cancellationToken);
        string address = Address(party);
        return callLegs.Root!.Elements("callLeg").FirstOrDefault(l => (string?)l.Element("remoteParty") == address || (string?)l.Element("name") == party)?.Attribute("id")?.Value
            ?? throw new McuException($"{party} is not connected to {conference} on MCU {id}.");
    }

    async Task<XDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    async Task<string> CreateAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendRawAsync(HttpMethod.Post, path, form, cancellationToken);
        string location = response.Headers.Location?.OriginalString ?? throw new McuException($"MCU {id} created {path} without a Location header.");
        return location.TrimEnd('/').Split('/')[^1];
    }

    async Task SendAsync(HttpMethod method, string path, Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendRawAsync(method, path, form, cancellationToken);
    }

    async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri($"api/v1/{path}", UriKind.Relative)) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new McuException($"MCU {id} is not reachable: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        // Errors come as <failureDetails><reason/></failureDetails>: name the reason.
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        string reason = body.Contains("<failureDetails", StringComparison.Ordinal) && XDocument.Parse(body).Root?.Elements().FirstOrDefault() is { } first
            ? first.Name.LocalName
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        HttpStatusCode status = response.StatusCode;
        response.Dispose();
        throw new McuException($"MCU {id} refused {method} {path}: {reason} ({(int)status}).");
    }
}
