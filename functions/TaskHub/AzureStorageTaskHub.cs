using Azure.Core.Pipeline;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub;

/// <summary>
/// The task hub on Azure Storage: one <see cref="AzureStorageOrchestrationService"/> per process, shared by the worker
/// and the client, so that a message the client enqueues wakes this process's poller at once.
/// </summary>
public sealed class AzureStorageTaskHub : IDisposable
{
    readonly Lazy<Task> created;

    /// <summary>The provider configured from host.json and the named storage connection.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="configuration">Where the connection is.</param>
    /// <param name="loggers">The host's loggers.</param>
    /// <param name="poison">Where reports of poison messages go.</param>
    /// <param name="policies">Pipeline policies that see every storage request (the benchmark counts them); none in the service.</param>
    public AzureStorageTaskHub(IOptions<TaskHubOptions> options, IConfiguration configuration, ILoggerFactory loggers, PoisonMessageLog poison,
        IEnumerable<HttpPipelinePolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(options);
        TaskHubOptions o = options.Value;
        StorageProviderOptions storage = o.StorageProvider;
        Settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = o.HubName,
            StorageAccountClientProvider = StorageConnection.From(configuration, storage.Connection).ClientProvider([.. policies]),
            PartitionCount = storage.PartitionCount,
            ControlQueueBatchSize = storage.ControlQueueBatchSize,
            ControlQueueBufferThreshold = storage.ControlQueueBufferThreshold,
            MaxQueuePollingInterval = storage.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = storage.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = storage.WorkItemQueueVisibilityTimeout,
            LeaseInterval = storage.LeaseInterval,
            LeaseRenewInterval = storage.LeaseRenewInterval,
            LeaseAcquireInterval = storage.LeaseAcquireInterval,
            ExtendedSessionsEnabled = o.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(o.ExtendedSessionIdleTimeoutInSeconds),
            MaxConcurrentTaskActivityWorkItems = o.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = o.MaxConcurrentOrchestratorFunctions,
            // Unique per process: two hosts on one machine must not share leases.
            WorkerId = o.WorkerId is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}",
            // The instance row is written under its ETag too, so a crash between the history and the instance row
            // cannot leave an instance "Running" for ever (ADF#2364).
            UseInstanceTableEtag = true,
            // One app per task hub: the app lease would only delay the start of every host.
            UseAppLease = false,
            LoggerFactory = poison.Watch(loggers),
        };
        Service = new AzureStorageOrchestrationService(Settings);
        created = new Lazy<Task>(() => Service.CreateIfNotExistsAsync());
    }

    /// <summary>The provider's settings as applied.</summary>
    public AzureStorageOrchestrationServiceSettings Settings { get; }

    /// <summary>The provider: an orchestration service for the worker and a service client for the client.</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>Creates the hub's queues, tables and containers once per process (they may exist already).</summary>
    public Task EnsureCreatedAsync() => created.Value;

    /// <inheritdoc/>
    public void Dispose() => Service.Dispose();
}
