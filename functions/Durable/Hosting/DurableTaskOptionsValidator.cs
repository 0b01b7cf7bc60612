using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hntt.Durable;

/// <summary>Checks the settings at start; every message names the host.json key it is about.</summary>
internal sealed class DurableTaskOptionsValidator : IValidateOptions<DurableTaskOptions>
{
    const string Prefix = "extensions:durableTask:";

    public ValidateOptionsResult Validate(string? name, DurableTaskOptions options)
    {
        var failures = new List<string>();
        Check(options, Prefix, failures);
        StorageProviderOptions storage = options.StorageProvider;
        Check(storage, Prefix + "storageProvider:", failures);
        if (storage.MaxQueuePollingInterval < TimeSpan.FromMilliseconds(10) || storage.MaxQueuePollingInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add(Prefix + "storageProvider:maxQueuePollingInterval must be between 00:00:00.010 and 00:05:00.");
        }

        if (storage.PartitionLeaseRenewalInterval <= TimeSpan.Zero || storage.PartitionLeaseRenewalInterval * 2 > storage.PartitionLeaseExpiry)
        {
            failures.Add(Prefix + "storageProvider:partitionLeaseRenewalInterval must be positive and at most half of partitionLeaseExpiry.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void Check(object settings, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"{prefix}{JsonKey(r.MemberNames.FirstOrDefault() ?? "?")}: {r.ErrorMessage}"));
    }

    static string JsonKey(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
