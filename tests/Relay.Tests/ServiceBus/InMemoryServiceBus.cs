using Azure.Messaging.ServiceBus;
using Moq;

namespace Hntt.Relay.Tests.ServiceBus;

/// <summary>
/// Service Bus in memory, with the semantics the relay transport relies on, defined here and pinned by the contract
/// tests: a session's messages go to one handler at a time, in the order they were sent; a message id seen within the
/// duplicate detection window is dropped; a message past its time to live is dead-lettered, never delivered; peek-lock
/// settlement (complete, abandon — delivered again —, dead-letter with a reason); and too many deliveries dead-letter.
/// The SDK's own types are used end to end: a mocked <see cref="ServiceBusClient"/> and senders, session processors
/// that run the handlers the code under test registers, messages made by <see cref="ServiceBusModelFactory"/>.
/// </summary>
internal sealed class InMemoryServiceBus
{
    const int MaxDeliveryCount = 10;
    readonly object gate = new();
    readonly TimeProvider time;
    readonly Dictionary<string, List<Stored>> queues = [];
    readonly Dictionary<string, DateTimeOffset> seenIds = [];
    readonly HashSet<string> lockedSessions = [];
    readonly List<InMemorySessionProcessor> processors = [];
    // Processors need a client to be built with; this one never connects.
    readonly ServiceBusClient dormant = new("Endpoint=sb://in-memory.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==");
    long sequence;

    public InMemoryServiceBus(TimeProvider time)
    {
        this.time = time;
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.CreateSender(It.IsAny<string>())).Returns((string queue) => Sender(queue));
        client.Setup(c => c.CreateSessionProcessor(It.IsAny<string>(), It.IsAny<ServiceBusSessionProcessorOptions>()))
            .Returns((string queue, ServiceBusSessionProcessorOptions options) => new InMemorySessionProcessor(this, dormant, queue, options));
        Client = client.Object;
    }

    /// <summary>The client the code under test is given.</summary>
    public ServiceBusClient Client { get; }

    /// <summary>How long a message id is remembered.</summary>
    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Every processor made, in order.</summary>
    public List<InMemorySessionProcessor> Processors { get { lock (gate) { return [.. processors]; } } }

    /// <summary>What was dead-lettered, with the reason.</summary>
    public List<(string Queue, ServiceBusMessage Message, string Reason, string? Description)> DeadLetters { get; } = [];

    /// <summary>Messages dropped as duplicates.</summary>
    public int DuplicatesDropped { get; private set; }

    /// <summary>Messages waiting in <paramref name="queue"/>.</summary>
    public int Waiting(string queue)
    {
        lock (gate)
        {
            return queues.TryGetValue(queue, out var list) ? list.Count : 0;
        }
    }

    ServiceBusSender Sender(string queue)
    {
        var sender = new Mock<ServiceBusSender>();
        sender.SetupGet(s => s.EntityPath).Returns(queue);
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusMessage message, CancellationToken _) =>
            {
                Enqueue(queue, message);
                return Task.CompletedTask;
            });
        return sender.Object;
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="queue"/>, as a sender would.</summary>
    public void Enqueue(string queue, ServiceBusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            string id = $"{queue}|{message.MessageId}";
            if (message.MessageId is not null && seenIds.TryGetValue(id, out DateTimeOffset seen) && now - seen < DuplicateDetectionWindow)
            {
                DuplicatesDropped++;
                return;
            }

            seenIds[id] = now;
            Queue(queue).Add(new Stored(message, ++sequence, now));
        }

        Pump();
    }

    List<Stored> Queue(string name) => queues.TryGetValue(name, out var list) ? list : queues[name] = [];

    internal void Register(InMemorySessionProcessor processor)
    {
        lock (gate)
        {
            processors.Add(processor);
        }
    }

    // Hands each free session's first message to a running processor that may take it.
    internal void Pump()
    {
        List<(InMemorySessionProcessor Processor, Stored Message, string Session)> deliveries = [];
        lock (gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            foreach (InMemorySessionProcessor processor in processors.Where(p => p.Running))
            {
                List<Stored> queue = Queue(processor.Queue);
                queue.RemoveAll(m =>
                {
                    bool expired = m.EnqueuedAt + m.Message.TimeToLive <= now && !lockedSessions.Contains(Session(processor.Queue, m));
                    if (expired)
                    {
                        DeadLetters.Add((processor.Queue, m.Message, "TTLExpiredException", "The message expired and was dead lettered."));
                    }

                    return expired;
                });
                foreach (Stored first in queue.GroupBy(m => m.Message.SessionId).Select(g => g.OrderBy(m => m.Sequence).First()).OrderBy(m => m.Sequence))
                {
                    string session = Session(processor.Queue, first);
                    if (processor.Active >= processor.MaxConcurrentSessions)
                    {
                        break;
                    }

                    if (lockedSessions.Contains(session) || (processor.Sessions.Count > 0 && !processor.Sessions.Contains(first.Message.SessionId)))
                    {
                        continue;
                    }

                    lockedSessions.Add(session);
                    processor.Active++;
                    first.DeliveryCount++;
                    deliveries.Add((processor, first, session));
                }
            }
        }

        foreach (var (processor, message, session) in deliveries)
        {
            processor.Track(Task.Run(() => DeliverAsync(processor, message, session)));
        }
    }

    static string Session(string queue, Stored message) => $"{queue}|{message.Message.SessionId}";

    async Task DeliverAsync(InMemorySessionProcessor processor, Stored stored, string session)
    {
        ServiceBusMessage sent = stored.Message;
        ServiceBusReceivedMessage received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body, messageId: sent.MessageId, sessionId: sent.SessionId, replyToSessionId: sent.ReplyToSessionId, timeToLive: sent.TimeToLive,
            correlationId: sent.CorrelationId, subject: sent.Subject, contentType: sent.ContentType, replyTo: sent.ReplyTo,
            properties: new Dictionary<string, object>(sent.ApplicationProperties), lockTokenGuid: Guid.NewGuid(), deliveryCount: stored.DeliveryCount,
            lockedUntil: time.GetUtcNow().AddMinutes(1), sequenceNumber: stored.Sequence, enqueuedTime: stored.EnqueuedAt);
        var settlement = new Settlement();
        var receiver = new Mock<ServiceBusSessionReceiver>();
        receiver.SetupGet(r => r.SessionId).Returns(sent.SessionId);
        receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Callback(() => settlement.Set("complete")).Returns(Task.CompletedTask);
        receiver.Setup(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
            .Callback(() => settlement.Set("abandon")).Returns(Task.CompletedTask);
        receiver.Setup(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusReceivedMessage _, string reason, string description, CancellationToken _) => settlement.Set("deadletter", reason, description)).Returns(Task.CompletedTask);
        receiver.Setup(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusReceivedMessage _, IDictionary<string, object> _, string reason, string description, CancellationToken _) => settlement.Set("deadletter", reason, description)).Returns(Task.CompletedTask);
        bool threw = false;
        try
        {
            await processor.DeliverAsync(new ProcessSessionMessageEventArgs(received, receiver.Object, processor.Stopping));
        }
        catch (Exception)
        {
            threw = true; // the processor abandons what a handler throws on
        }

        lock (gate)
        {
            string outcome = settlement.Outcome ?? (processor.AutoCompleteMessages && !threw ? "complete" : "abandon");
            if (outcome is "complete" or "deadletter" || stored.DeliveryCount >= MaxDeliveryCount)
            {
                Queue(processor.Queue).Remove(stored);
            }

            if (outcome == "deadletter" || (outcome == "abandon" && stored.DeliveryCount >= MaxDeliveryCount))
            {
                DeadLetters.Add((processor.Queue, sent, settlement.Reason ?? "MaxDeliveryCountExceeded", settlement.Description));
            }

            lockedSessions.Remove(session);
            processor.Active--;
        }

        Pump();
    }

    sealed class Stored(ServiceBusMessage message, long sequence, DateTimeOffset enqueuedAt)
    {
        public ServiceBusMessage Message { get; } = message;

        public long Sequence { get; } = sequence;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public int DeliveryCount { get; set; }
    }

    sealed class Settlement
    {
        public string? Outcome { get; private set; }

        public string? Reason { get; private set; }

        public string? Description { get; private set; }

        public void Set(string outcome, string? reason = null, string? description = null)
        {
            if (Outcome is not null)
            {
                throw new InvalidOperationException($"The message was already settled ({Outcome}).");
            }

            (Outcome, Reason, Description) = (outcome, reason, description);
        }
    }
}

/// <summary>
/// A session processor on <see cref="InMemoryServiceBus"/>: the handlers registered on it (through the SDK's own
/// events) run for the messages the bus hands it; stopping waits for the handlers that are running.
/// </summary>
internal sealed class InMemorySessionProcessor : ServiceBusSessionProcessor
{
    readonly InMemoryServiceBus bus;
    readonly List<Task> running = [];
    CancellationTokenSource stopping = new();

    public InMemorySessionProcessor(InMemoryServiceBus bus, ServiceBusClient dormant, string queue, ServiceBusSessionProcessorOptions options)
        : base(dormant, queue, options)
    {
        this.bus = bus;
        Queue = queue;
        Options = options;
        Sessions = [.. options.SessionIds];
        bus.Register(this);
    }

    public string Queue { get; }

    /// <summary>The options it was made with.</summary>
    public ServiceBusSessionProcessorOptions Options { get; }

    public IReadOnlyList<string> Sessions { get; }

    public bool Running { get; private set; }

    public bool Closed { get; private set; }

    internal int Active { get; set; }

    internal CancellationToken Stopping => stopping.Token;

    public override bool IsProcessing => Running;

    public override Task StartProcessingAsync(CancellationToken cancellationToken = default)
    {
        stopping = new CancellationTokenSource();
        Running = true;
        bus.Pump();
        return Task.CompletedTask;
    }

    public override async Task StopProcessingAsync(CancellationToken cancellationToken = default)
    {
        Running = false;
        await stopping.CancelAsync();
        Task[] inFlight;
        lock (running)
        {
            inFlight = [.. running];
        }

        await Task.WhenAll(inFlight);
    }

    public override async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await StopProcessingAsync(cancellationToken);
        Closed = true;
    }

    internal Task DeliverAsync(ProcessSessionMessageEventArgs args) => OnProcessSessionMessageAsync(args);

    internal void Track(Task task)
    {
        lock (running)
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(task);
        }
    }
}
