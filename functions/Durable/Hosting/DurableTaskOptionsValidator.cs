using Microsoft.Extensions.Options;

namespace Hntt.Durable;

/// <summary>Checks the rules between settings that attributes cannot express, naming the host.json key.</summary>
internal sealed class DurableTaskOptionsValidator : IValidateOptions<DurableTaskOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTaskOptions options)
    {
        var failures = new List<string>();
        StorageProviderOptions storage = options.StorageProvider;
        if (storage.MaxQueuePollingInterval < TimeSpan.FromMilliseconds(10) || storage.MaxQueuePollingInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("extensions:durableTask:storageProvider:maxQueuePollingInterval must be between 00:00:00.010 and 00:05:00.");
        }

        if (storage.PartitionLeaseRenewalInterval <= TimeSpan.Zero || storage.PartitionLeaseRenewalInterval * 2 > storage.PartitionLeaseExpiry)
        {
            failures.Add("extensions:durableTask:storageProvider:partitionLeaseRenewalInterval must be positive and at most half of partitionLeaseExpiry.");
        }

        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(storage, new(storage), null, validateAllProperties: true))
        {
            failures.Add($"extensions:durableTask:storageProvider has an invalid value (partitionCount 1-16, controlQueueBatchSize 1-1000).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
