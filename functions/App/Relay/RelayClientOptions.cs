using Microsoft.Extensions.Options;

namespace Hntt.App.Relay;

/// <summary>How the workflow reaches the on-prem relay that drives the MCUs (section <c>RelayClient</c>).</summary>
public sealed class RelayClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RelayClient";

    /// <summary>The relay's address, e.g. <c>https://relay.tinh.gov.vn:8443/</c>. Without it no MCU is connected.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The name this service signs as.</summary>
    public string Caller { get; set; } = "cloud";

    /// <summary>The caller's HMAC key, base64 (a secret).</summary>
    public string? Key { get; set; }

    /// <summary>True when a relay is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);
}

/// <summary>
/// Fails closed: in Production the relay must be configured (a meeting with no MCU connected is not a way to run the
/// network); anywhere, an address needs its key. Every message names the key to set.
/// </summary>
internal sealed class RelayClientOptionsValidator(IHostEnvironment environment) : IValidateOptions<RelayClientOptions>
{
    public ValidateOptionsResult Validate(string? name, RelayClientOptions options)
    {
        if (!options.IsConfigured)
        {
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail("RelayClient:BaseUrl is required in Production: the on-prem relay's address. Without it no MCU is connected.")
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
        "Chưa kết nối MCU: chưa cấu hình RelayClient:BaseUrl (no relay is configured; nothing was sent to an MCU)."));

    public Task CascadeAsync(string meetingId, string masterMcuId, Domain.Rules.ConnectionPlan plan, CancellationToken cancellationToken) => Refuse();

    public Task BringToChairAsync(string meetingId, string masterMcuId, string siteMcuId, string siteId, string requestId, CancellationToken cancellationToken) => Refuse();

    public Task TearDownAsync(string meetingId, string masterMcuId, CancellationToken cancellationToken) => Refuse();
}
