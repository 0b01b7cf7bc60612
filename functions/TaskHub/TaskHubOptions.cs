using System.ComponentModel.DataAnnotations;
using Microsoft.DurableTask.Worker;

namespace Hntt.TaskHub;

/// <summary>
/// The engine's settings, bound from <c>extensions:durableTask</c> in host.json under the names Durable Functions
/// gives them, so the same file configures our host and an Azure Functions app. Environment variables override them
/// (<c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>).
/// </summary>
public sealed class TaskHubOptions
{
    /// <summary>The configuration section, as in host.json.</summary>
    public const string Section = "extensions:durableTask";

    /// <summary>The task hub: a prefix for every queue, table and container (3–45 letters and digits, starting with a letter).</summary>
    [Required(ErrorMessage = "is required."), RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "must be 3-45 letters or digits, starting with a letter.")]
    public string HubName { get; set; } = "hntt";

    /// <summary>The Azure Storage provider's settings.</summary>
    public StorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>Activities running at once in this worker.</summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000.")]
    public int MaxConcurrentActivityFunctions { get; set; } = 10;

    /// <summary>Orchestration steps running at once in this worker.</summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000.")]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 100;

    /// <summary>Keep orchestrations in memory between steps, so a step needs no history read.</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an idle orchestration stays in memory with extended sessions.</summary>
    [Range(1, 3600, ErrorMessage = "must be between 1 and 3600.")]
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>This worker's name in partition leases; the machine name and process id when empty.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// The orchestration version this host stamps on the orchestrations it starts, and the newest it runs. Raise it with
    /// any change to an orchestrator that alters the shape of its history (docs/workflow.md, "Versions").
    /// </summary>
    public string? DefaultVersion { get; set; }

    /// <summary>Which versions this worker runs: all (<c>None</c>), its own only (<c>Strict</c>), or its own and older (<c>CurrentOrOlder</c>).</summary>
    public DurableTaskWorkerOptions.VersionMatchStrategy VersionMatchStrategy { get; set; }

    /// <summary>
    /// What becomes of an orchestration this worker does not run: left in its queue for a worker that does (<c>Reject</c>:
    /// in a rolling deployment the old hosts leave the new meetings to the new ones), or failed (<c>Fail</c>).
    /// </summary>
    public DurableTaskWorkerOptions.VersionFailureStrategy VersionFailureStrategy { get; set; }
}

/// <summary>The Azure Storage provider's settings: the Durable Functions names under <c>storageProvider</c>, and DTFx's for the leases.</summary>
public sealed class StorageProviderOptions
{
    /// <summary>The configuration key holding the connection: a connection string, or <c>{name}__accountName</c> for an identity.</summary>
    [Required(ErrorMessage = "is required.")]
    public string ConnectionName { get; set; } = "AzureWebJobsStorage";

    /// <summary>The older Durable Functions name for <see cref="ConnectionName"/>; wins when set.</summary>
    public string? ConnectionStringName { get; set; }

    /// <summary>Control queues: the most workers that can share the hub's orchestrations. Fixed once the hub exists.</summary>
    [Range(1, 16, ErrorMessage = "must be between 1 and 16.")]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Control-queue messages taken per receive (Azure Storage allows 32).</summary>
    [Range(1, 32, ErrorMessage = "must be between 1 and 32.")]
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>Control-queue messages buffered in memory per partition.</summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000.")]
    public int ControlQueueBufferThreshold { get; set; } = 128;

    /// <summary>The longest wait between polls of an idle queue: bounds how late a raised event or a finished activity is picked up.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a received control message stays hidden: after a crash, how soon another worker sees it again.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a received activity stays hidden (renewed while it runs): after a crash, how soon it runs again.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a partition lease lasts without renewal before another worker may take it.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often held leases are renewed.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a worker looks for partitions to take or give back.</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The configuration key of the connection in use.</summary>
    public string Connection => ConnectionStringName is { Length: > 0 } legacy ? legacy : ConnectionName;
}
