using Hntt.App.Relay;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;

namespace Hntt.Relay.Tests.Contract;

/// <summary>The contract over signed HTTPS, for real over loopback; "gone" is a network that refuses the connection.</summary>
public sealed class HttpsTransportContractTests : RelayTransportContract
{
    readonly Gate gate = new();
    RelayTestServer relay = null!;

    public override async Task InitializeAsync() => relay = await RelayTestServer.StartAsync();

    public override async Task DisposeAsync() => await relay.DisposeAsync();

    protected override IRelayTransport Transport(byte[]? key = null, TimeSpan? life = null) =>
        new HttpRelayTransport(new HttpClient(new RelaySigningHandler("cloud", key ?? RelayTestServer.Key, TimeProvider.System) { InnerHandler = gate }) { BaseAddress = relay.Address });

    protected override SimulatedMcu Mcu(string id) => relay.Mcu(id);

    protected override Task RelayGoneAsync() => Task.FromResult(gate.Closed = true);

    protected override Task RelayBackAsync() => Task.FromResult(gate.Closed = false);

    sealed class Gate() : DelegatingHandler(new HttpClientHandler())
    {
        public bool Closed { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Closed ? throw new HttpRequestException("Connection refused (127.0.0.1)") : base.SendAsync(request, cancellationToken);
    }
}
