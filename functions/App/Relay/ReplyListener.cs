using Azure.Messaging.ServiceBus;

namespace Hntt.App.Relay;

/// <summary>Receives the relay's answers in this instance's session of the reply queue and hands them to the waiting commands.</summary>
internal sealed partial class ReplyListener(ServiceBusClient client, ServiceBusRelayTransport transport, RelayClientOptions options, ILogger<ReplyListener> log)
    : IHostedService, IAsyncDisposable
{
    ServiceBusSessionProcessor? processor;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        processor = client.CreateSessionProcessor(options.ServiceBus.ReplyQueue, new ServiceBusSessionProcessorOptions
        {
            SessionIds = { transport.ReplySessionId },
            MaxConcurrentSessions = 1,
            MaxConcurrentCallsPerSession = 1,
            AutoCompleteMessages = true, // an answer nobody waits for is no use to anyone
        });
        processor.ProcessMessageAsync += args =>
        {
            transport.Accept(args.Message);
            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += args =>
        {
            LogError(log, args.EntityPath, args.Exception.Message);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => processor?.StopProcessingAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => processor?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay answers from {Entity}: {Error}; reconnecting")]
    static partial void LogError(ILogger logger, string entity, string error);
}
