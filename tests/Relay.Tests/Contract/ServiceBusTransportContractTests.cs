using Hntt.App.Relay;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Hntt.Relay.Tests.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hntt.Relay.Tests.Contract;

/// <summary>
/// The contract over Service Bus: the cloud's transport and reply listener and the relay's queue listener, on the
/// in-memory bus's session semantics; "gone" is a relay that takes nothing from the queue.
/// </summary>
public sealed class ServiceBusTransportContractTests : RelayTransportContract
{
    readonly InMemoryServiceBus bus = new(TimeProvider.System);
    readonly List<ReplyListener> listeners = [];
    RelayTestServer relay = null!;

    public override async Task InitializeAsync() => relay = await RelayTestServer.StartAsync(bus);

    public override async Task DisposeAsync()
    {
        foreach (ReplyListener listener in listeners)
        {
            await listener.StopAsync(default);
        }

        await relay.DisposeAsync();
    }

    protected override IRelayTransport Transport(byte[]? key = null, TimeSpan? life = null)
    {
        var options = new RelayClientOptions { Transport = "ServiceBus", Key = Convert.ToBase64String(key ?? RelayTestServer.Key) };
        options.ServiceBus.ChairTimeToLive = options.ServiceBus.CommandTimeToLive = life ?? TimeSpan.FromSeconds(30);
        options.ServiceBus.AnswerTravel = TimeSpan.FromSeconds(1);
        var transport = new ServiceBusRelayTransport(bus.Client.CreateSender(options.ServiceBus.CommandQueue), options, TimeProvider.System, NullLogger<ServiceBusRelayTransport>.Instance);
        var listener = new ReplyListener(bus.Client, transport, options, NullLogger<ReplyListener>.Instance);
        listener.StartAsync(default).GetAwaiter().GetResult(); // completes at once on the in-memory bus
        listeners.Add(listener);
        return transport;
    }

    protected override SimulatedMcu Mcu(string id) => relay.Mcu(id);

    protected override Task RelayGoneAsync() => relay.QueueListener.StopAsync(default);

    protected override Task RelayBackAsync() => relay.QueueListener.StartAsync(default);

    [Fact]
    public async Task Commands_queued_while_the_relay_was_away_run_in_the_order_they_were_sent_once_it_is_back()
    {
        IRelayTransport transport = Transport();
        await RelayGoneAsync();
        string[] keys = [.. Enumerable.Range(0, 6).Select(i => $"m1|layout|{i}")];
        Task<RelayCommandResult>[] sends = [.. keys.Select(k => transport.SendAsync(new RelayCommandRequest(k, "sl-mcu-ppc", RelayCommandNames.Layout, "m1", null, k), default))];
        Assert.Equal(6, bus.Waiting("relay-commands"));
        await RelayBackAsync();

        Assert.All(await Task.WhenAll(sends), r => Assert.True(r.Succeeded, r.Detail));
        Assert.Equal(keys, Mcu("sl-mcu-ppc").Log.Select(l => l.Command.IdempotencyKey));
        Assert.Equal(1, Mcu("sl-mcu-ppc").MaxConcurrent);
    }

    [Fact]
    public async Task A_command_that_expired_in_the_queue_is_dead_lettered_by_the_broker_with_the_reason()
    {
        await RelayGoneAsync();
        RelayCommandResult lost = await Transport(life: TimeSpan.FromSeconds(1)).SendAsync(
            new RelayCommandRequest("m1|chair|r1", "sl-mcu-ppc", RelayCommandNames.BringToChair, "m1", "sl-d-moc-chau"), default);
        await RelayBackAsync();

        Assert.Contains("no answer from the relay within 1 s", lost.Detail, StringComparison.Ordinal);
        var (_, message, reason, _) = Assert.Single(bus.DeadLetters);
        Assert.Equal("TTLExpiredException", reason);
        Assert.Equal("m1|chair|r1", message.ApplicationProperties[Hntt.Relay.Protocol.MessageProperties.IdempotencyKey]);
        Assert.Equal(0, Mcu("sl-mcu-ppc").Executed);
    }

    [Fact]
    public async Task A_command_with_a_bad_signature_is_dead_lettered_by_the_relay_with_the_reason()
    {
        RelayCommandResult result = await Transport(key: new byte[32], life: TimeSpan.FromSeconds(1)).SendAsync(
            new RelayCommandRequest("m1|teardown", "sl-mcu-ppc", RelayCommandNames.TearDown, "m1"), default);

        Assert.False(result.Succeeded);
        var (_, _, reason, description) = Assert.Single(bus.DeadLetters);
        Assert.Equal(("NotGenuine", "bad signature"), (reason, description));
    }
}
