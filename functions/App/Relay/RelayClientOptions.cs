using Microsoft.Extensions.Options;

namespace Hntt.App.Relay;

/// <summary>How the workflow reaches the on-prem relay that drives the MCUs (section <c>RelayClient</c>).</summary>
public sealed class RelayClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RelayClient";

    /// <summary>The transport names.</summary>
    public const string Https = "Https", ServiceBusTransport = "ServiceBus";

    /// <summary><c>Https</c> (signed requests through a VPN) or <c>ServiceBus</c> (outbound-only from the province); see docs/relay.md.</summary>
    public string Transport { get; set; } = Https;

    /// <summary>Https: the relay's address, e.g. <c>https://relay.tinh.gov.vn:8443/</c>. Without it no MCU is connected.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>ServiceBus: the namespace and queues (section <c>RelayClient:ServiceBus</c>).</summary>
    public RelayServiceBusClientOptions ServiceBus { get; set; } = new();

    /// <summary>The name this service signs as.</summary>
    public string Caller { get; set; } = "cloud";

    /// <summary>The caller's HMAC key, base64 (a secret).</summary>
    public string? Key { get; set; }

    /// <summary>True when Service Bus carries the commands.</summary>
    public bool UsesServiceBus => string.Equals(Transport, ServiceBusTransport, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a relay is configured.</summary>
    public bool IsConfigured => UsesServiceBus ? ServiceBus.IsConfigured : !string.IsNullOrWhiteSpace(BaseUrl);
}

/// <summary>The cloud's side of the Service Bus transport (section <c>RelayClient:ServiceBus</c>).</summary>
public sealed class RelayServiceBusClientOptions
{
    /// <summary>The namespace, <c>hntt-relay.servicebus.windows.net</c>, reached with the app's managed identity.</summary>
    public string? Namespace { get; set; }

    /// <summary>A user-assigned managed identity's client id; the default credential otherwise.</summary>
    public string? ClientId { get; set; }

    /// <summary>Instead of an identity (local runs): a connection string with Send on the command queue and Listen on the reply queue (a secret).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The queue commands go on, one session per MCU.</summary>
    public string CommandQueue { get; set; } = "relay-commands";

    /// <summary>The queue answers come back on, one session per cloud instance.</summary>
    public string ReplyQueue { get; set; } = "relay-replies";

    /// <summary>SL II.1 step 6: a site the chair asked for is on screen within 30 s; after that the command is no use.</summary>
    public TimeSpan ChairTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cascade, layout, tear-down: they may wait out a short outage of the province's uplink, not an hour.</summary>
    public TimeSpan CommandTimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an answer may take to come back after the command's life.</summary>
    public TimeSpan AnswerTravel { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when a namespace or connection string is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Namespace) || !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>
/// Fails closed: in Production the relay must be configured (a meeting with no MCU connected is not a way to run the
/// network); anywhere, an address needs its key. Every message names the key to set.
/// </summary>
internal sealed class RelayClientOptionsValidator(IHostEnvironment environment) : IValidateOptions<RelayClientOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayClientOptions options)
    {
        if (!options.UsesServiceBus && !string.Equals(options.Transport, RelayClientOptions.Https, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"RelayClient:Transport must be Https or ServiceBus, not '{options.Transport}'.");
        }

        if (!options.IsConfigured)
        {
            return !environment.IsProduction() ? ValidateOptionsResult.Success
                : options.UsesServiceBus ? ValidateOptionsResult.Fail("RelayClient:ServiceBus:Namespace is required in Production with the ServiceBus transport. Without it no MCU is connected.")
                : ValidateOptionsResult.Fail("RelayClient:BaseUrl is required in Production: the on-prem relay's address. Without it no MCU is connected.");
        }

        if (options.UsesServiceBus)
        {
            return string.IsNullOrEmpty(options.Key) || !IsBase64(options.Key)
                ? ValidateOptionsResult.Fail("RelayClient:Key (the caller's HMAC key, base64) is required with the ServiceBus transport: the relay runs only signed commands.")
                : ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out Uri? url) || url.Scheme is not ("https" or "http"))
        {
            return ValidateOptionsResult.Fail("RelayClient:BaseUrl must be an absolute http(s) address.");
        }

        return string.IsNullOrEmpty(options.Key) || !IsBase64(options.Key)
            ? ValidateOptionsResult.Fail("RelayClient:Key (the caller's HMAC key, base64) is required with RelayClient:BaseUrl.")
            : ValidateOptionsResult.Success;
    }

    static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out int written) && written > 0;
}

/// <summary>
/// The relay when none is configured (a local run): every command is refused, never reported as done, so the workflow
/// tells DIC and the chair room to act by hand and the pages say that no MCU is connected.
/// </summary>
internal sealed class UnconnectedRelayClient : IRelayClient
{
    static Task Refuse() => Task.FromException(new RelayCommandFailedException(
        "Chưa kết nối MCU: chưa cấu hình RelayClient (no relay is configured; nothing was sent to an MCU)."));

    public Task CascadeAsync(string meetingId, string masterMcuId, Domain.Rules.ConnectionPlan plan, CancellationToken cancellationToken) => Refuse();

    public Task BringToChairAsync(string meetingId, string masterMcuId, string siteMcuId, string siteId, string requestId, CancellationToken cancellationToken) => Refuse();

    public Task TearDownAsync(string meetingId, string masterMcuId, CancellationToken cancellationToken) => Refuse();
}
