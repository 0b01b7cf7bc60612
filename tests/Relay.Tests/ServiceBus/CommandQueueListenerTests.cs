using Azure.Messaging.ServiceBus;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Hntt.Relay.Tests.ServiceBus;

/// <summary>
/// The relay's Service Bus listener, one message at a time: the SDK's processor, receiver and sender are Moq mocks, the
/// messages come from <see cref="ServiceBusModelFactory"/>, and the relay's parts behind it are real.
/// </summary>
public sealed class CommandQueueListenerTests : IAsyncLifetime
{
    readonly Mock<ServiceBusClient> client = new();
    readonly Mock<ServiceBusSender> replies = new();
    readonly Mock<ServiceBusSessionReceiver> receiver = new();
    readonly Mock<ServiceBusSessionProcessor> processor = new();
    readonly List<ServiceBusMessage> sentReplies = [];
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero));
    QueuedRelay relay = null!;

    public async Task InitializeAsync()
    {
        client.Setup(c => c.CreateSender("relay-replies")).Returns(replies.Object);
        client.Setup(c => c.CreateSessionProcessor("relay-commands", It.IsAny<ServiceBusSessionProcessorOptions>())).Returns(processor.Object);
        replies.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessage m, CancellationToken _) => sentReplies.Add(m)).Returns(Task.CompletedTask);
        time.Advance(TimeSpan.FromSeconds(1)); // the relay starts, then commands are signed
        relay = new QueuedRelay(client.Object, time);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    Task HandleAsync(ServiceBusReceivedMessage message, CancellationToken stopping = default) =>
        relay.Listener.HandleAsync(new ProcessSessionMessageEventArgs(message, receiver.Object, stopping));

    static RelayCommandRequest Cascade(string key = "m1|cascade|sl-mcu-vnpt", string mcu = "sl-mcu-ppc") =>
        new(key, mcu, RelayCommandNames.Cascade, "m1", "sl-mcu-vnpt");

    [Fact]
    public async Task A_signed_command_is_run_answered_in_the_callers_session_and_then_completed()
    {
        ServiceBusReceivedMessage message = relay.Received(relay.Message(Cascade()));
        var order = new List<string>();
        replies.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessage m, CancellationToken _) => { sentReplies.Add(m); order.Add("reply"); }).Returns(Task.CompletedTask);
        receiver.Setup(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>())).Callback(() => order.Add("complete")).Returns(Task.CompletedTask);

        await HandleAsync(message);

        Assert.Equal(["reply", "complete"], order); // answered before it is gone from the queue
        ServiceBusMessage reply = Assert.Single(sentReplies);
        Assert.Equal("cloud-test", reply.SessionId);
        Assert.Equal(message.MessageId, reply.CorrelationId);
        RelayCommandResult result = SignedReply.Read(reply.Body.ToMemory().Span)!;
        Assert.True(result.Succeeded, result.Detail);
        Assert.True(result.Milliseconds >= 0);
        string signature = SignedReply.Sign(QueuedRelay.Key, "cloud", message.MessageId, (long)reply.ApplicationProperties[MessageProperties.Timestamp], reply.Body.ToMemory().Span);
        Assert.Equal(signature, reply.ApplicationProperties[MessageProperties.Signature]); // only the relay, holding the key, can say "done"
        Assert.Equal(["sl-mcu-vnpt"], relay.Ppc.Conference("m1")!.Participants);
    }

    [Fact]
    public async Task A_command_with_a_bad_signature_is_dead_lettered_with_the_reason_and_never_reaches_the_MCU()
    {
        ServiceBusReceivedMessage message = relay.Received(relay.Message(Cascade(), key: new byte[32]));

        await HandleAsync(message);

        receiver.Verify(r => r.DeadLetterMessageAsync(message, "NotGenuine", "bad signature", It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, relay.Ppc.Executed);
        RelayCommandResult told = SignedReply.Read(Assert.Single(sentReplies).Body.ToMemory().Span)!;
        Assert.False(told.Succeeded);
        Assert.Contains("bad signature", told.Detail, StringComparison.Ordinal); // the waiting caller learns why at once
    }

    [Fact]
    public async Task A_message_without_a_signature_is_dead_lettered()
    {
        ServiceBusMessage sent = relay.Message(Cascade());
        sent.ApplicationProperties.Remove(MessageProperties.Signature);

        await HandleAsync(relay.Received(sent));

        receiver.Verify(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), "NotSigned", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(0, relay.Ppc.Executed);
    }

    [Fact]
    public async Task A_command_past_its_time_to_live_is_dead_lettered_unrun()
    {
        ServiceBusMessage sent = relay.Message(new RelayCommandRequest("m1|chair|r1", "sl-mcu-ppc", RelayCommandNames.BringToChair, "m1", "sl-d-moc-chau"));
        time.Advance(TimeSpan.FromSeconds(31)); // SL II.1 step 6: after 30 s the switch is no use

        await HandleAsync(relay.Received(sent, enqueuedAgo: TimeSpan.FromSeconds(31)));

        receiver.Verify(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), "Expired", It.Is<string>(d => d.Contains("30 s")), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(0, relay.Ppc.Executed);
    }

    [Fact]
    public async Task A_command_signed_long_before_it_was_queued_is_refused_as_a_copy_sent_again()
    {
        ServiceBusMessage sent = relay.Message(Cascade(), ttl: TimeSpan.FromHours(1));
        time.Advance(TimeSpan.FromMinutes(20)); // captured, then sent again by someone holding a Service Bus key

        await HandleAsync(relay.Received(sent));

        receiver.Verify(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), "NotGenuine", It.Is<string>(d => d.Contains("before it was queued")), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(0, relay.Ppc.Executed);
    }

    [Fact]
    public async Task A_command_whose_session_is_another_MCUs_is_dead_lettered()
    {
        await HandleAsync(relay.Received(relay.Message(Cascade(), session: "sl-mcu-vnpt")));

        receiver.Verify(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), "Malformed", It.Is<string>(d => d.Contains("session")), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(0, relay.Ppc.Executed);
    }

    [Fact]
    public async Task A_duplicate_acts_once_whether_delivered_again_or_resent_under_the_same_key()
    {
        ServiceBusMessage first = relay.Message(Cascade());
        await HandleAsync(relay.Received(first));
        await HandleAsync(relay.Received(first, deliveryCount: 2)); // its lock was lost and the broker delivered it again
        await HandleAsync(relay.Received(relay.Message(Cascade()))); // the workflow's activity ran twice: a new message, the same key

        Assert.Equal(1, relay.Ppc.Executed);
        Assert.Equal(3, sentReplies.Count);
        Assert.All(sentReplies, r => Assert.True(SignedReply.Read(r.Body.ToMemory().Span)!.Succeeded));
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_command_received_as_the_relay_stops_is_abandoned_untouched_for_the_next_run()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await HandleAsync(relay.Received(relay.Message(Cascade())), stopping.Token);

        receiver.Verify(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(0, relay.Ppc.Executed);
        Assert.Empty(sentReplies);
    }

    [Fact]
    public async Task When_the_answer_cannot_be_sent_the_command_is_abandoned_and_its_redelivery_does_not_run_it_again()
    {
        ServiceBusMessage sent = relay.Message(Cascade());
        replies.SetupSequence(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("link detached", ServiceBusFailureReason.ServiceCommunicationProblem))
            .Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<ServiceBusException>(() => HandleAsync(relay.Received(sent)));
        await HandleAsync(relay.Received(sent, deliveryCount: 2));

        receiver.Verify(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(1, relay.Ppc.Executed);
    }

    [Fact]
    public async Task The_processor_takes_one_message_at_a_time_per_MCU_settles_by_hand_renews_locks_and_stops_gracefully()
    {
        ServiceBusSessionProcessorOptions? options = null;
        client.Setup(c => c.CreateSessionProcessor("relay-commands", It.IsAny<ServiceBusSessionProcessorOptions>()))
            .Callback((string _, ServiceBusSessionProcessorOptions o) => options = o)
            .Returns(new InMemorySessionProcessor(new InMemoryServiceBus(time), new ServiceBusClient("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=YQ=="), "relay-commands", new ServiceBusSessionProcessorOptions()));

        await relay.Listener.StartAsync(default);
        await relay.Listener.StopAsync(default);

        Assert.NotNull(options);
        Assert.Equal(1, options.MaxConcurrentCallsPerSession); // each MCU's commands in order
        Assert.Equal(2, options.MaxConcurrentSessions); // every MCU at once
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(0, options.PrefetchCount);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MaxAutoLockRenewalDuration); // a slow MCU keeps its lock
    }
}
