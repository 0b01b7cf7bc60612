using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Hntt.Relay.Protocol;

namespace Hntt.App.Relay;

/// <summary>
/// Commands over Azure Service Bus, outbound-only from the province: each command is a signed message in the MCU's
/// session of the command queue (so one MCU's commands run in order), with a time to live after which it is no use
/// (a chair switch after SL II.1 step 6's 30 s; anything else after minutes), and the outcome comes back, signed by
/// the relay, in this instance's session of the reply queue, matched by correlation id.
/// </summary>
/// <remarks>
/// A message's id is its signature's nonce: the broker's duplicate detection drops a copy the SDK sends again after a
/// lost acknowledgement. It is not the idempotency key, because a command that failed must reach the MCU when the
/// workflow retries it; the relay's idempotency store makes a retried success act once.
/// </remarks>
public sealed partial class ServiceBusRelayTransport(ServiceBusSender commands, RelayClientOptions options, TimeProvider time, ILogger<ServiceBusRelayTransport> log)
    : IRelayTransport, IAsyncDisposable
{
    readonly ConcurrentDictionary<string, TaskCompletionSource<RelayCommandResult>> waiting = new(StringComparer.Ordinal);
    readonly byte[] key = Convert.FromBase64String(options.Key ?? throw new ArgumentException("RelayClient:Key is required.", nameof(options)));

    /// <summary>This instance's session of the reply queue.</summary>
    public string ReplySessionId { get; } = $"{options.Caller}-{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>How long a command may wait for the relay before it is no use.</summary>
    public TimeSpan TimeToLive(string command) =>
        command is RelayCommandNames.RouteUp or RelayCommandNames.BringToChair or RelayCommandNames.Mute or RelayCommandNames.Disconnect
            ? options.ServiceBus.ChairTimeToLive
            : options.ServiceBus.CommandTimeToLive;

    /// <inheritdoc/>
    public async Task<RelayCommandResult> SendAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        long started = time.GetTimestamp();
        SignedCommand signed = SignedCommand.Sign(command, options.Caller, key, time.GetUtcNow());
        TimeSpan ttl = TimeToLive(command.Command);
        var message = new ServiceBusMessage(signed.Body)
        {
            MessageId = signed.Nonce,
            SessionId = command.McuId,
            ReplyTo = options.ServiceBus.ReplyQueue,
            ReplyToSessionId = ReplySessionId,
            TimeToLive = ttl,
            Subject = command.Command,
            ContentType = "application/json",
        };
        message.ApplicationProperties[MessageProperties.Caller] = signed.Caller;
        message.ApplicationProperties[MessageProperties.Timestamp] = signed.TimestampMs;
        message.ApplicationProperties[MessageProperties.Signature] = signed.Signature;
        message.ApplicationProperties[MessageProperties.IdempotencyKey] = command.IdempotencyKey;
        var answer = new TaskCompletionSource<RelayCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[signed.Nonce] = answer;
        try
        {
            await commands.SendMessageAsync(message, cancellationToken);
            // The relay answers within the command's life or not at all; a moment more for the answer to travel.
            return await answer.Task.WaitAsync(ttl + options.ServiceBus.AnswerTravel, time, cancellationToken);
        }
        catch (ServiceBusException ex)
        {
            return new RelayCommandResult(false, $"Service Bus did not take the command ({ex.Reason}): {ex.Message}", time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (TimeoutException)
        {
            return new RelayCommandResult(false,
                $"no answer from the relay within {ttl.TotalSeconds:0} s; a command the relay has not taken expires in the queue unrun, and a retry acts once",
                time.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            waiting.TryRemove(signed.Nonce, out _);
        }
    }

    /// <summary>A reply from the relay: completes the command it answers when its signature holds; false when it was ignored.</summary>
    public bool Accept(ServiceBusReceivedMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.CorrelationId is not { } id || !waiting.TryGetValue(id, out var answer))
        {
            LogUnmatched(log, reply.CorrelationId ?? "(none)");
            return false;
        }

        bool signedByRelay = reply.ApplicationProperties.TryGetValue(MessageProperties.Timestamp, out object? ts) && ts is long timestamp
            && reply.ApplicationProperties.TryGetValue(MessageProperties.Caller, out object? caller) && options.Caller.Equals(caller)
            && reply.ApplicationProperties.TryGetValue(MessageProperties.Signature, out object? signature)
            && RequestSignature.Matches(SignedReply.Sign(key, options.Caller, id, timestamp, reply.Body.ToMemory().Span), signature as string);
        if (!signedByRelay || SignedReply.Read(reply.Body.ToMemory().Span) is not { } result)
        {
            LogForged(log, id);
            return false;
        }

        return answer.TrySetResult(result);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => commands.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "A relay answer to {CorrelationId} came when nobody waited for it (late or for another instance); ignored")]
    static partial void LogUnmatched(ILogger logger, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An answer to {CorrelationId} is not signed by the relay; ignored")]
    static partial void LogForged(ILogger logger, string correlationId);
}
