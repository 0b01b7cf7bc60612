using Azure.Messaging.ServiceBus;
using Hntt.App.Relay;
using Hntt.Relay.ServiceBus;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Hntt.Relay.Tests.ServiceBus;

/// <summary>Both sides refuse half a Service Bus configuration and name the setting; the relay's connection survives a flaky uplink.</summary>
public sealed class TransportSettingsTests
{
    static string Check(RelayClientOptions options, string environment = "Production")
    {
        var host = new Mock<IHostEnvironment>();
        host.SetupGet(h => h.EnvironmentName).Returns(environment);
        var result = new RelayClientOptionsValidator(host.Object).Validate(null, options);
        return result.Succeeded ? "ok" : result.FailureMessage!;
    }

    [Fact]
    public void The_cloud_needs_a_namespace_in_Production_and_a_signing_key_with_Service_Bus_and_knows_only_two_transports()
    {
        Assert.Contains("RelayClient:ServiceBus:Namespace is required in Production", Check(new RelayClientOptions { Transport = "ServiceBus" }), StringComparison.Ordinal);
        Assert.Contains("RelayClient:Key", Check(new RelayClientOptions { Transport = "ServiceBus", ServiceBus = { Namespace = "sb-hntt.servicebus.windows.net" } }), StringComparison.Ordinal);
        Assert.Equal("ok", Check(new RelayClientOptions { Transport = "ServiceBus", Key = Convert.ToBase64String(new byte[32]), ServiceBus = { Namespace = "sb-hntt.servicebus.windows.net" } }));
        Assert.Contains("must be Https or ServiceBus", Check(new RelayClientOptions { Transport = "Pigeon" }, "Development"), StringComparison.Ordinal);
        Assert.Equal("ok", Check(new RelayClientOptions(), "Development")); // a local run: no relay, every command refused
    }

    [Fact]
    public void The_relay_needs_a_whole_service_principal_or_both_SAS_rules()
    {
        static string Relay(RelayServiceBusOptions o) => new RelayServiceBusOptionsValidator().Validate(null, o) is { Succeeded: false } r ? r.FailureMessage! : "ok";

        string principal = Relay(new RelayServiceBusOptions { Namespace = "sb-hntt.servicebus.windows.net", TenantId = "t" });
        Assert.Contains("Relay:ServiceBus:ClientId is required", principal, StringComparison.Ordinal);
        Assert.Contains("Relay:ServiceBus:CertificatePath is required", principal, StringComparison.Ordinal);
        Assert.Contains("SendConnectionString", Relay(new RelayServiceBusOptions { ListenConnectionString = "Endpoint=sb://x/;SharedAccessKeyName=l;SharedAccessKey=k" }), StringComparison.Ordinal);
        Assert.Equal("ok", Relay(new RelayServiceBusOptions()));
    }

    [Fact]
    public void The_relay_connects_over_443_and_reconnects_with_exponential_backoff()
    {
        ServiceBusClientOptions options = RelayServiceBusClients.ClientOptions(new RelayServiceBusOptions());

        Assert.Equal(ServiceBusTransportType.AmqpWebSockets, options.TransportType); // where only HTTPS leaves the building
        Assert.Equal(ServiceBusRetryMode.Exponential, options.RetryOptions.Mode);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryOptions.MaxDelay);
        Assert.Equal(ServiceBusTransportType.AmqpTcp, RelayServiceBusClients.ClientOptions(new RelayServiceBusOptions { UseWebSockets = false }).TransportType);
    }
}
