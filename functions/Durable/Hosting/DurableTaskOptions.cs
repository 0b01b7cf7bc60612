using System.ComponentModel.DataAnnotations;

namespace Hntt.Durable;

/// <summary>
/// The runtime's settings, bound from <c>extensions:durableTask</c> in host.json (the Durable Functions key
/// names where one exists) and from environment variables such as <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>.
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>The configuration section, as in host.json.</summary>
    public const string Section = "extensions:durableTask";

    /// <summary>The task hub: a prefix for every table and container (3–45 letters and digits, starting with a letter).</summary>
    [Required(ErrorMessage = "is required."), RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "must be 3-45 letters or digits, starting with a letter.")]
    public string HubName { get; set; } = "hntt";

    /// <summary>The storage settings.</summary>
    public StorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>Activities running at once in this worker.</summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000.")]
    public int MaxConcurrentActivityFunctions { get; set; } = 32;

    /// <summary>Attempts before a failing message moves to the dead-letter store.</summary>
    [Range(1, 100, ErrorMessage = "must be between 1 and 100.")]
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>Instances kept in memory between steps in this worker.</summary>
    [Range(100, 10_000_000, ErrorMessage = "must be between 100 and 10,000,000.")]
    public int MaxCachedInstances { get; set; } = 20_000;

    /// <summary>This worker's name in partition fences; the machine name and process id when empty.</summary>
    public string? WorkerId { get; set; }
}

/// <summary>Storage settings: the Durable Functions names under <c>storageProvider</c>.</summary>
public sealed class StorageProviderOptions
{
    /// <summary>The configuration key (or connection-string name) holding the storage connection string.</summary>
    [Required(ErrorMessage = "is required.")]
    public string ConnectionStringName { get; set; } = "AzureWebJobsStorage";

    /// <summary>Partitions of the hub: the most workers that can share its work. Fixed once the hub exists.</summary>
    [Range(1, 16, ErrorMessage = "must be between 1 and 16.")]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Inbox messages read by one poll of a partition.</summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000.")]
    public int ControlQueueBatchSize { get; set; } = 1000;

    /// <summary>The longest wait between polls of an idle partition (a local enqueue or a due timer wakes it sooner).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a partition stays owned without a renewal before another worker takes it.</summary>
    public TimeSpan PartitionLeaseExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often owners renew and others look for partitions to take.</summary>
    public TimeSpan PartitionLeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(10);
}
