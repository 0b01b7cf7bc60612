namespace Hntt.Testing;

/// <summary>
/// Task hub settings under which a killed host's work comes back within seconds instead of minutes: its messages and
/// activities reappear after 8 s, its partition leases lapse after 4 s, and idle queues are polled every 200 ms.
/// </summary>
public static class QuickRecovery
{
    /// <summary>The settings, by configuration key.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:08",
        ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:08",
        ["extensions:durableTask:storageProvider:leaseInterval"] = "00:00:04",
        ["extensions:durableTask:storageProvider:leaseRenewInterval"] = "00:00:01",
        ["extensions:durableTask:storageProvider:leaseAcquireInterval"] = "00:00:01",
    };
}
