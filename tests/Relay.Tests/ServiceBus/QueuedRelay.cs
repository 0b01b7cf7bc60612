using System.Security.Cryptography;
using Azure.Messaging.ServiceBus;
using Hntt.Relay.Commands;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Hntt.Relay.Security;
using Hntt.Relay.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hntt.Relay.Tests.ServiceBus;

/// <summary>The relay's Service Bus side built from its real parts on a fake clock, with two simulated MCUs and a caller <c>cloud</c>.</summary>
internal sealed class QueuedRelay
{
    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public QueuedRelay(ServiceBusClient client, FakeTimeProvider time)
    {
        Time = time;
        var options = Options.Create(new RelayOptions { AuditLogPath = Path.Combine(Directory.CreateTempSubdirectory("relay-sb-").FullName, "audit.jsonl") });
        options.Value.Callers["cloud"] = Convert.ToBase64String(Key);
        options.Value.Mcus.Add(new McuOptions { Id = "sl-mcu-ppc" });
        options.Value.Mcus.Add(new McuOptions { Id = "sl-mcu-vnpt" });
        Ppc = new SimulatedMcu("sl-mcu-ppc", TimeSpan.Zero, time);
        Vnpt = new SimulatedMcu("sl-mcu-vnpt", TimeSpan.Zero, time);
        var verifier = new SignatureVerifier(options, time);
        var dispatcher = new CommandDispatcher([new McuDriverRegistration(Ppc.Id, Ppc), new McuDriverRegistration(Vnpt.Id, Vnpt)], options, time);
        Listener = new CommandQueueListener(new RelayServiceBusClients(client, client), Options.Create(new RelayServiceBusOptions()), options,
            new CommandIntake(verifier, dispatcher, new AuditLog(options), time), verifier, time, NullLogger<CommandQueueListener>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public SimulatedMcu Ppc { get; }

    public SimulatedMcu Vnpt { get; }

    public CommandQueueListener Listener { get; }

    /// <summary>A command message as the cloud sends it, signed with <paramref name="key"/>.</summary>
    public ServiceBusMessage Message(RelayCommandRequest command, byte[]? key = null, TimeSpan? ttl = null, string? session = null)
    {
        SignedCommand signed = SignedCommand.Sign(command, "cloud", key ?? Key, Time.GetUtcNow());
        var message = new ServiceBusMessage(signed.Body)
        {
            MessageId = signed.Nonce,
            SessionId = session ?? command.McuId,
            ReplyTo = "relay-replies",
            ReplyToSessionId = "cloud-test",
            TimeToLive = ttl ?? TimeSpan.FromSeconds(30),
            Subject = command.Command,
        };
        message.ApplicationProperties[MessageProperties.Caller] = signed.Caller;
        message.ApplicationProperties[MessageProperties.Timestamp] = signed.TimestampMs;
        message.ApplicationProperties[MessageProperties.Signature] = signed.Signature;
        return message;
    }

    /// <summary>The message as the processor would receive it, taken by the broker <paramref name="enqueuedAgo"/> before now.</summary>
    public ServiceBusReceivedMessage Received(ServiceBusMessage sent, TimeSpan enqueuedAgo = default, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: sent.Body, messageId: sent.MessageId, sessionId: sent.SessionId,
            replyToSessionId: sent.ReplyToSessionId, timeToLive: sent.TimeToLive, subject: sent.Subject, replyTo: sent.ReplyTo,
            properties: new Dictionary<string, object>(sent.ApplicationProperties), lockTokenGuid: Guid.NewGuid(), deliveryCount: deliveryCount,
            sequenceNumber: 1, enqueuedTime: Time.GetUtcNow() - enqueuedAgo);
}
