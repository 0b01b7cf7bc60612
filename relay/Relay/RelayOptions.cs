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
