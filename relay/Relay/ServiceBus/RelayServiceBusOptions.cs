namespace Hntt.Relay.ServiceBus;

/// <summary>
/// Commands over Azure Service Bus (section <c>Relay:ServiceBus</c>): the relay opens an outbound connection and needs
/// no inbound port. Without a namespace or connection strings the relay takes commands over HTTPS only.
/// </summary>
public sealed class RelayServiceBusOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Relay:ServiceBus";

    /// <summary>The namespace, <c>hntt-relay.servicebus.windows.net</c>, reached as a service principal with a certificate.</summary>
    public string? Namespace { get; set; }

    /// <summary>The relay's Entra ID tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>The relay's app registration (service principal).</summary>
    public string? ClientId { get; set; }

    /// <summary>The service principal's certificate with its private key (PFX).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX's password (a secret), if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Instead of a service principal: a SAS connection string with Listen on the command queue only (a secret).</summary>
    public string? ListenConnectionString { get; set; }

    /// <summary>Instead of a service principal: a SAS connection string with Send on the reply queue only (a secret).</summary>
    public string? SendConnectionString { get; set; }

    /// <summary>The queue commands arrive on, one session per MCU.</summary>
    public string CommandQueue { get; set; } = "relay-commands";

    /// <summary>The queue results go back on, one session per waiting cloud instance.</summary>
    public string ReplyQueue { get; set; } = "relay-replies";

    /// <summary>AMQP over WebSockets on port 443, where only HTTPS leaves the building; plain AMQP (5671) otherwise.</summary>
    public bool UseWebSockets { get; set; } = true;

    /// <summary>How long a session's lock is renewed while an MCU is slow to answer.</summary>
    public TimeSpan MaxLockRenewal { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>True when Service Bus is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Namespace) || !string.IsNullOrWhiteSpace(ListenConnectionString);
}

/// <summary>Refuses to start with half a Service Bus configuration, naming the setting that is missing.</summary>
internal sealed class RelayServiceBusOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<RelayServiceBusOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, RelayServiceBusOptions options)
    {
        List<string> failures = [];
        if (!string.IsNullOrWhiteSpace(options.ListenConnectionString) || !string.IsNullOrWhiteSpace(options.SendConnectionString))
        {
            if (string.IsNullOrWhiteSpace(options.ListenConnectionString) || string.IsNullOrWhiteSpace(options.SendConnectionString))
            {
                failures.Add("Relay:ServiceBus: SAS needs both ListenConnectionString (Listen on the command queue) and SendConnectionString (Send on the reply queue).");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Namespace))
        {
            failures.AddRange(new[] { (nameof(options.TenantId), options.TenantId), (nameof(options.ClientId), options.ClientId), (nameof(options.CertificatePath), options.CertificatePath) }
                .Where(s => string.IsNullOrWhiteSpace(s.Item2))
                .Select(s => $"Relay:ServiceBus:{s.Item1} is required with Relay:ServiceBus:Namespace (the relay signs in as a service principal with a certificate)."));
        }

        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
