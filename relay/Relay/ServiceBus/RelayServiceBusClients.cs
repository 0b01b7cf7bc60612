using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Hntt.Relay.ServiceBus;

/// <summary>
/// The connections the relay opens: one that listens on the command queue and one that sends on the reply queue (the
/// same client for a service principal, which is granted exactly those two rights; two for SAS, one right each).
/// </summary>
public sealed record RelayServiceBusClients(ServiceBusClient Commands, ServiceBusClient Replies) : IAsyncDisposable
{
    /// <summary>The clients for <paramref name="options"/>.</summary>
    public static RelayServiceBusClients Create(RelayServiceBusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ServiceBusClientOptions client = ClientOptions(options);
        if (!string.IsNullOrWhiteSpace(options.ListenConnectionString))
        {
            return new(new ServiceBusClient(options.ListenConnectionString, client), new ServiceBusClient(options.SendConnectionString, client));
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
        var shared = new ServiceBusClient(options.Namespace, new ClientCertificateCredential(options.TenantId, options.ClientId, certificate), client);
        return new(shared, shared);
    }

    /// <summary>
    /// WebSockets on 443 where only HTTPS leaves the building; and reconnecting with exponential backoff, up to a minute
    /// between tries, when the province's uplink drops (the processor keeps trying after that, reporting each failure).
    /// </summary>
    public static ServiceBusClientOptions ClientOptions(RelayServiceBusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ServiceBusClientOptions
        {
            TransportType = options.UseWebSockets ? ServiceBusTransportType.AmqpWebSockets : ServiceBusTransportType.AmqpTcp,
            RetryOptions = new ServiceBusRetryOptions
            {
                Mode = ServiceBusRetryMode.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromMinutes(1),
                MaxRetries = 10,
                TryTimeout = TimeSpan.FromMinutes(1),
            },
        };
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Commands.DisposeAsync();
        if (!ReferenceEquals(Commands, Replies))
        {
            await Replies.DisposeAsync();
        }
    }
}
