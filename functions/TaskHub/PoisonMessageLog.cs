using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub;

/// <summary>A queue message the provider keeps failing to process, as it reported it.</summary>
/// <param name="MessageId">The queue message's id.</param>
/// <param name="InstanceId">The instance it is for.</param>
/// <param name="ExecutionId">The execution it is for.</param>
/// <param name="EventType">What it carries (ExecutionStarted, TaskCompleted, EventRaised, …).</param>
/// <param name="Queue">The control or work-item queue it sits in.</param>
/// <param name="DequeueCount">How often it has been taken so far.</param>
/// <param name="DetectedAt">When the provider last reported it.</param>
public sealed record PoisonMessage(string MessageId, string InstanceId, string? ExecutionId, string EventType, string Queue, long DequeueCount, DateTimeOffset DetectedAt);

/// <summary>
/// The Azure Storage provider has no dead-letter queue: a message that keeps failing is put back with a growing delay
/// (2^n seconds, at most 10 minutes) and retried for ever, and the only trace is its <c>PoisonMessageDetected</c> log
/// event (id 109). This watches the provider's log for that event and keeps one row per message in the table
/// <c>{hub}PoisonMessages</c>, so ops on any host can see it, with the instance it belongs to.
/// </summary>
public sealed class PoisonMessageLog
{
    const int PoisonMessageDetected = 109;
    readonly Lazy<Task<TableClient>> table;
    readonly TimeProvider time;

    /// <summary>The log for the configured hub.</summary>
    public PoisonMessageLog(IOptions<TaskHubOptions> options, IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        TableClient client = StorageConnection.From(configuration, options.Value.StorageProvider.Connection).Tables().GetTableClient($"{options.Value.HubName}PoisonMessages");
        table = new Lazy<Task<TableClient>>(async () =>
        {
            await client.CreateIfNotExistsAsync().ConfigureAwait(false);
            return client;
        });
    }

    /// <summary>Every poison message reported so far, most recent first.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> ReadAsync(CancellationToken cancellationToken = default)
    {
        TableClient client = await table.Value.ConfigureAwait(false);
        var all = new List<PoisonMessage>();
        await foreach (TableEntity row in client.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(new PoisonMessage(row.RowKey, row.PartitionKey, row.GetString("ExecutionId"), row.GetString("EventType") ?? "?",
                row.GetString("Queue") ?? "?", row.GetInt64("DequeueCount") ?? 0, row.GetDateTimeOffset("DetectedAt") ?? row.Timestamp ?? default));
        }

        return [.. all.OrderByDescending(m => m.DetectedAt)];
    }

    /// <summary>Records a report: one row per message, its count and time brought up to date on each new report.</summary>
    public async Task RecordAsync(IReadOnlyDictionary<string, object?> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string Text(string key) => Convert.ToString(report.GetValueOrDefault(key), CultureInfo.InvariantCulture) ?? string.Empty;
        var row = new TableEntity(Key(Text("InstanceId")), Key(Text("MessageId")))
        {
            ["ExecutionId"] = Text("ExecutionId"),
            ["EventType"] = Text("EventType"),
            ["Queue"] = Text("PartitionId"),
            ["DequeueCount"] = long.TryParse(Text("DequeueCount"), CultureInfo.InvariantCulture, out long count) ? count : 0,
            ["DetectedAt"] = time.GetUtcNow(),
        };
        TableClient client = await table.Value.ConfigureAwait(false);
        await client.UpsertEntityAsync(row, TableUpdateMode.Replace).ConfigureAwait(false);
    }

    // Table keys may not hold / \ # ? or control characters; instance ids are checked at the API, message ids are GUIDs.
    static string Key(string value) => value.Length == 0 ? "-" : new string([.. value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);

    /// <summary>A logger factory that hands the provider's loggers through, watching them for poison-message reports.</summary>
    internal ILoggerFactory Watch(ILoggerFactory loggers) => new WatchingFactory(loggers, this);

    sealed class WatchingFactory(ILoggerFactory inner, PoisonMessageLog log) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new WatchingLogger(inner.CreateLogger(categoryName), log);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose()
        {
            // The host owns the inner factory.
        }
    }

    sealed class WatchingLogger(ILogger inner, PoisonMessageLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == PoisonMessageDetected && state is IReadOnlyDictionary<string, object> report)
            {
                // Off the provider's path: a storage hiccup here must not fail the message handling that reported it.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await log.RecordAsync(report.ToDictionary(p => p.Key, p => (object?)p.Value)).ConfigureAwait(false);
                    }
                    catch (RequestFailedException)
                    {
                        // The provider's own log line below still says it; the next report writes the row again.
                    }
                });
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
