using System.Globalization;
using Azure.Messaging.ServiceBus;
using Hntt.Relay.Commands;
using Hntt.Relay.Protocol;
using Hntt.Relay.Security;
using Microsoft.Extensions.Options;

namespace Hntt.Relay.ServiceBus;

/// <summary>
/// Takes commands from the Service Bus command queue: one session per MCU, one message at a time per session, so each
/// MCU's commands run in the order they were sent. Each is verified and run as an HTTPS command is
/// (<see cref="CommandIntake"/>), answered on the reply queue (signed, with the outcome and the MCU's time), and only
/// then completed. What cannot be run is dead-lettered with the reason, and the caller told at once.
/// </summary>
/// <remarks>
/// Shutdown: a message received after stopping began is abandoned untouched (it is delivered again, in order, to the
/// next run); a command already at the MCU is finished, answered and completed first — nothing is left half-done. The
/// session lock is renewed while a slow MCU works.
/// </remarks>
internal sealed partial class CommandQueueListener(RelayServiceBusClients clients, IOptions<RelayServiceBusOptions> options, IOptions<RelayOptions> relay,
    CommandIntake intake, SignatureVerifier verifier, TimeProvider time, ILogger<CommandQueueListener> log) : IHostedService, IAsyncDisposable
{
    readonly ServiceBusSender replies = clients.Replies.CreateSender(options.Value.ReplyQueue); // connects on first use
    ServiceBusSessionProcessor? processor;

    /// <summary>How the processor takes messages: per MCU, one at a time, settled by hand.</summary>
    public ServiceBusSessionProcessorOptions ProcessorOptions => new()
    {
        MaxConcurrentSessions = Math.Max(1, relay.Value.Mcus.Count),
        MaxConcurrentCallsPerSession = 1,
        AutoCompleteMessages = false,
        PrefetchCount = 0, // a prefetched command could expire waiting in memory
        ReceiveMode = ServiceBusReceiveMode.PeekLock,
        MaxAutoLockRenewalDuration = options.Value.MaxLockRenewal,
        SessionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        processor = clients.Commands.CreateSessionProcessor(options.Value.CommandQueue, ProcessorOptions);
        processor.ProcessMessageAsync += HandleAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(cancellationToken);
        LogListening(log, options.Value.CommandQueue, ProcessorOptions.MaxConcurrentSessions);
    }

    // StopProcessingAsync waits for the handlers that are running: their commands finish and are settled.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (processor is not null)
        {
            await processor.StopProcessingAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (processor is not null)
        {
            await processor.DisposeAsync();
        }

        await replies.DisposeAsync();
    }

    /// <summary>One command message.</summary>
    public async Task HandleAsync(ProcessSessionMessageEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        ServiceBusReceivedMessage message = args.Message;
        if (args.CancellationToken.IsCancellationRequested)
        {
            await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
            return;
        }

        if (message.ExpiresAt <= time.GetUtcNow())
        {
            await DeadLetterAsync(args, null, "Expired", $"its time to live ({message.TimeToLive.TotalSeconds:0} s) ran out before the relay took it; not run");
            return;
        }

        if (Read(message) is not { } signed)
        {
            await DeadLetterAsync(args, null, "NotSigned", "the message carries no signature; not run");
            return;
        }

        // From here the command is finished whatever happens to the host: no cancellation token.
        switch (await intake.HandleQueuedAsync(signed, message.EnqueuedTime, message.SessionId, redelivered: message.DeliveryCount > 1))
        {
            case Intake.Executed executed:
                await ReplyAsync(args, signed.Caller, executed.Result);
                await args.CompleteMessageAsync(message, CancellationToken.None);
                break;
            case Intake.NotGenuine refused:
                await DeadLetterAsync(args, signed.Caller, "NotGenuine", refused.Reason);
                break;
            case Intake.Malformed malformed:
                await DeadLetterAsync(args, signed.Caller, "Malformed", malformed.Reason);
                break;
        }
    }

    static SignedCommand? Read(ServiceBusReceivedMessage message)
    {
        IReadOnlyDictionary<string, object> p = message.ApplicationProperties;
        return p.TryGetValue(MessageProperties.Caller, out object? caller) && p.TryGetValue(MessageProperties.Signature, out object? signature)
            && p.TryGetValue(MessageProperties.Timestamp, out object? timestamp) && timestamp is long ms
            ? new SignedCommand((string)caller, ms, message.MessageId, (string)signature, message.Body.ToMemory())
            : null;
    }

    // Dead-lettered with the reason; a known caller waiting for the answer is told at once, so the workflow reports it.
    async Task DeadLetterAsync(ProcessSessionMessageEventArgs args, string? caller, string reason, string description)
    {
        LogDeadLettered(log, args.Message.MessageId, args.Message.SessionId, reason, description);
        await args.DeadLetterMessageAsync(args.Message, reason, description, CancellationToken.None);
        if (caller is not null && relay.Value.Callers.ContainsKey(caller))
        {
            await ReplyAsync(args, caller, new RelayCommandResult(false, $"not run on the relay ({reason}): {description}", 0), settleOnFailure: false);
        }
    }

    async Task ReplyAsync(ProcessSessionMessageEventArgs args, string caller, RelayCommandResult result, bool settleOnFailure = true)
    {
        ServiceBusReceivedMessage command = args.Message;
        if (string.IsNullOrEmpty(command.ReplyToSessionId))
        {
            return; // nobody waits for this one
        }

        byte[] body = SignedReply.Body(result);
        long timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var reply = new ServiceBusMessage(body)
        {
            SessionId = command.ReplyToSessionId,
            CorrelationId = command.MessageId,
            Subject = command.Subject,
            ContentType = "application/json",
            TimeToLive = TimeSpan.FromMinutes(5),
        };
        reply.ApplicationProperties[MessageProperties.Caller] = caller;
        reply.ApplicationProperties[MessageProperties.Timestamp] = timestamp;
        reply.ApplicationProperties[MessageProperties.Signature] = SignedReply.Sign(verifier.KeyOf(caller), caller, command.MessageId, timestamp, body);
        try
        {
            await replies.SendMessageAsync(reply, CancellationToken.None);
        }
        catch (ServiceBusException ex) when (settleOnFailure)
        {
            // Delivered again: a success is answered from the idempotency store without running twice; a failure is tried again.
            LogReplyFailed(log, command.MessageId, ex.Reason.ToString());
            await args.AbandonMessageAsync(command, cancellationToken: CancellationToken.None);
            throw;
        }
    }

    Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        // The processor reconnects by itself, with the client's exponential backoff; this only tells the operator.
        LogProcessorError(log, args.ErrorSource.ToString(), args.EntityPath, args.Exception.Message);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking commands from Service Bus queue {Queue}, up to {Sessions} MCU sessions at once")]
    static partial void LogListening(ILogger logger, string queue, int sessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {MessageId} for MCU {Mcu} dead-lettered: {Reason}, {Description}")]
    static partial void LogDeadLettered(ILogger logger, string messageId, string mcu, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to command {MessageId} could not be sent ({Reason}); the command is abandoned and comes again")]
    static partial void LogReplyFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus {Source} on {Entity}: {Error}; reconnecting")]
    static partial void LogProcessorError(ILogger logger, string source, string entity, string error);
}
