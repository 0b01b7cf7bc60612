using Azure.Messaging.ServiceBus;
using Hntt.App.Relay;
using Hntt.Relay.Protocol;
using Hntt.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Hntt.Relay.Tests.ServiceBus;

/// <summary>The cloud's Service Bus transport: a mocked sender captures what it sends; answers are made with <see cref="ServiceBusModelFactory"/>.</summary>
public sealed class ServiceBusRelayTransportTests
{
    readonly Mock<ServiceBusSender> sender = new();
    readonly List<ServiceBusMessage> sent = [];
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));
    readonly ServiceBusRelayTransport transport;

    public ServiceBusRelayTransportTests()
    {
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessage m, CancellationToken _) => sent.Add(m)).Returns(Task.CompletedTask);
        transport = new ServiceBusRelayTransport(sender.Object, new RelayClientOptions { Transport = "ServiceBus", Key = Convert.ToBase64String(QueuedRelay.Key) },
            time, NullLogger<ServiceBusRelayTransport>.Instance);
    }

    static RelayCommandRequest Chair(string request) => new($"m1|chair|{request}", "sl-mcu-ppc", RelayCommandNames.BringToChair, "m1", "sl-d-moc-chau");

    ServiceBusReceivedMessage Answer(ServiceBusMessage command, RelayCommandResult result, byte[]? key = null)
    {
        byte[] body = SignedReply.Body(result);
        long timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        return ServiceBusModelFactory.ServiceBusReceivedMessage(body: new BinaryData(body), correlationId: command.MessageId, sessionId: command.ReplyToSessionId,
            properties: new Dictionary<string, object>
            {
                [MessageProperties.Caller] = "cloud",
                [MessageProperties.Timestamp] = timestamp,
                [MessageProperties.Signature] = SignedReply.Sign(key ?? QueuedRelay.Key, "cloud", command.MessageId, timestamp, body),
            });
    }

    async Task<ServiceBusMessage> SentAsync(int count)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(sent.Count >= count), TimeSpan.FromSeconds(10), $"{count} messages sent");
        return sent[count - 1];
    }

    [Fact]
    public async Task A_command_goes_signed_into_its_MCUs_session_and_lives_no_longer_than_it_is_useful()
    {
        Task<RelayCommandResult> chair = transport.SendAsync(Chair("r1"), default);
        Task<RelayCommandResult> cascade = transport.SendAsync(new RelayCommandRequest("m1|cascade|vnpt", "sl-mcu-ppc", RelayCommandNames.Cascade, "m1", "sl-mcu-vnpt"), default);
        ServiceBusMessage first = await SentAsync(1), second = await SentAsync(2);

        Assert.Equal("sl-mcu-ppc", first.SessionId); // session = MCU: its commands run in order
        Assert.Equal(TimeSpan.FromSeconds(30), first.TimeToLive); // SL II.1 step 6
        Assert.Equal(TimeSpan.FromMinutes(5), second.TimeToLive);
        Assert.Equal("relay-replies", first.ReplyTo);
        Assert.Equal(transport.ReplySessionId, first.ReplyToSessionId);
        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Equal("m1|chair|r1", first.ApplicationProperties[MessageProperties.IdempotencyKey]);
        var signed = new SignedCommand("cloud", (long)first.ApplicationProperties[MessageProperties.Timestamp], first.MessageId,
            (string)first.ApplicationProperties[MessageProperties.Signature], first.Body.ToMemory());
        Assert.Equal(RequestSignature.Sign(QueuedRelay.Key, "cloud", "POST", "/commands", signed.TimestampMs, signed.Nonce, signed.Body.Span), signed.Signature);
        Assert.Equal(Chair("r1"), signed.Command());
        transport.Accept(Answer(first, new RelayCommandResult(true, "shown", 12)));
        transport.Accept(Answer(second, new RelayCommandResult(true, "joined", 40)));
        Assert.Equal("shown", (await chair).Detail);
        Assert.Equal("joined", (await cascade).Detail);
    }

    [Fact]
    public async Task Each_answer_completes_the_command_it_correlates_with_whatever_the_order()
    {
        Task<RelayCommandResult> one = transport.SendAsync(Chair("r1"), default);
        Task<RelayCommandResult> two = transport.SendAsync(Chair("r2"), default);
        ServiceBusMessage first = await SentAsync(1), second = await SentAsync(2);

        Assert.True(transport.Accept(Answer(second, new RelayCommandResult(false, "MCU sl-mcu-ppc is not reachable.", 5))));
        Assert.True(transport.Accept(Answer(first, new RelayCommandResult(true, "shown", 12))));

        Assert.True((await one).Succeeded);
        Assert.Equal("MCU sl-mcu-ppc is not reachable.", (await two).Detail);
        Assert.False(transport.Accept(Answer(first, new RelayCommandResult(true, "late copy", 1)))); // nobody waits any more
    }

    [Fact]
    public async Task An_answer_not_signed_by_the_relay_is_ignored_and_the_command_fails_when_its_time_runs_out()
    {
        Task<RelayCommandResult> chair = transport.SendAsync(Chair("r1"), default);
        ServiceBusMessage message = await SentAsync(1);

        Assert.False(transport.Accept(Answer(message, new RelayCommandResult(true, "forged", 1), key: new byte[32])));
        Assert.False(chair.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(36)); // 30 s to live and 5 s for an answer to travel

        RelayCommandResult result = await chair;
        Assert.False(result.Succeeded); // never reported as done
        Assert.Contains("no answer from the relay within 30 s", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_Service_Bus_refuses_fails_with_the_reason()
    {
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("the namespace is throttling", ServiceBusFailureReason.ServiceBusy));

        RelayCommandResult result = await transport.SendAsync(Chair("r1"), default);

        Assert.False(result.Succeeded);
        Assert.Contains("ServiceBusy", result.Detail, StringComparison.Ordinal);
    }
}
