using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Options;

namespace Hntt.App.Relay;

/// <summary>
/// The relay as the workflow sees it (<see cref="IRelayClient"/>), over the transport <c>RelayClient:Transport</c>
/// names. Without a relay (a local run) every command is refused, and Production refuses to start.
/// </summary>
internal static class RelaySetup
{
    public static IServiceCollection AddRelayClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RelayClientOptions>().BindConfiguration(RelayClientOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RelayClientOptions>, RelayClientOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RelayClientOptions>>().Value);

        services.AddHttpClient<HttpRelayTransport>((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<RelayClientOptions>().BaseUrl!.TrimEnd('/') + "/"))
            .AddHttpMessageHandler(sp =>
            {
                RelayClientOptions relay = sp.GetRequiredService<RelayClientOptions>();
                return new RelaySigningHandler(relay.Caller, Convert.FromBase64String(relay.Key!), sp.GetRequiredService<TimeProvider>());
            });

        if (configuration.GetSection(RelayClientOptions.Section).Get<RelayClientOptions>() is { UsesServiceBus: true, IsConfigured: true })
        {
            services.AddSingleton(sp => CreateServiceBusClient(sp.GetRequiredService<RelayClientOptions>().ServiceBus));
            services.AddSingleton(sp => new ServiceBusRelayTransport(
                sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<RelayClientOptions>().ServiceBus.CommandQueue),
                sp.GetRequiredService<RelayClientOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ServiceBusRelayTransport>>()));
            services.AddHostedService<ReplyListener>();
        }

        services.AddTransient<IRelayClient>(sp => sp.GetRequiredService<RelayClientOptions>() switch
        {
            { IsConfigured: false } => new UnconnectedRelayClient(),
            { UsesServiceBus: true } => new RelayClient(sp.GetRequiredService<ServiceBusRelayTransport>()),
            _ => new RelayClient(sp.GetRequiredService<HttpRelayTransport>()),
        });
        return services;
    }

    static ServiceBusClient CreateServiceBusClient(RelayServiceBusClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new ServiceBusClient(options.ConnectionString);
        }

        TokenCredential credential = options.ClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new ServiceBusClient(options.Namespace, credential);
    }
}
