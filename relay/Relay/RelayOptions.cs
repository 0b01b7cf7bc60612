namespace Hntt.Relay;

/// <summary>The relay's settings (section <c>Relay</c>). Caller keys come from configuration or a secret store and are never logged.</summary>
public sealed class RelayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Relay";

    /// <summary>Each caller's name and its HMAC key (base64, at least 32 bytes).</summary>
    public Dictionary<string, string> Callers { get; } = [];

    /// <summary>How old a signed request may be, either way.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The MCUs this relay drives.</summary>
    public List<McuOptions> Mcus { get; } = [];

    /// <summary>Where the audit log (JSON lines) is written.</summary>
    public string AuditLogPath { get; set; } = "audit/relay-audit.jsonl";

    /// <summary>One attempt's time limit at an MCU.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>One MCU and how to reach it.</summary>
public sealed class McuOptions
{
    /// <summary>Its id in the registry.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary><c>Cms</c> (Cisco Meeting Server REST API) or <c>Simulator</c> (demos and scale tests).</summary>
    public string Driver { get; set; } = "Simulator";

    /// <summary>Cms: the API's base address (https://mcu:443/).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Cms: the API user.</summary>
    public string? User { get; set; }

    /// <summary>Cms: the API user's password (a secret).</summary>
    public string? Password { get; set; }

    /// <summary>Cms: the SIP domain slaves and sites are dialled at.</summary>
    public string DialDomain { get; set; } = "example.gov.vn";

    /// <summary>Simulator: how long each command takes.</summary>
    public TimeSpan SimulatedLatency { get; set; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>Refuses to start with a caller whose key is missing, not base64 or shorter than 32 bytes: an empty key would let anyone sign.</summary>
internal sealed class RelayOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<RelayOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        List<string> failures = [.. options.Callers.Where(c => !IsLongKey(c.Value))
            .Select(c => $"Relay:Callers:{c.Key} must be base64 of at least 32 bytes (the caller's HMAC key).")];
        if (options.Callers.Count == 0)
        {
            failures.Add("Relay:Callers names no caller: no request could be accepted.");
        }

        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }

    static bool IsLongKey(string? key)
    {
        var bytes = new byte[((key?.Length ?? 0) * 3 / 4) + 3];
        return key is { Length: > 0 } && Convert.TryFromBase64String(key, bytes, out int length) && length >= 32;
    }
}
