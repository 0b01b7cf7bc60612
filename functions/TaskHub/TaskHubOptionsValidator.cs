using System.ComponentModel.DataAnnotations;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub;

/// <summary>Checks the settings at start; every message names the host.json key it is about.</summary>
internal sealed class TaskHubOptionsValidator : IValidateOptions<TaskHubOptions>
{
    const string Prefix = "extensions:durableTask:";
    const string Storage = Prefix + "storageProvider:";

    public ValidateOptionsResult Validate(string? name, TaskHubOptions options)
    {
        var failures = new List<string>();
        Check(options, Prefix, failures);
        StorageProviderOptions storage = options.StorageProvider;
        Check(storage, Storage, failures);
        Within(storage.MaxQueuePollingInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), "maxQueuePollingInterval", failures);
        Within(storage.ControlQueueVisibilityTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "controlQueueVisibilityTimeout", failures);
        Within(storage.WorkItemQueueVisibilityTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "workItemQueueVisibilityTimeout", failures);
        if (storage.LeaseRenewInterval <= TimeSpan.Zero || storage.LeaseRenewInterval * 2 > storage.LeaseInterval)
        {
            failures.Add(Storage + "leaseRenewInterval must be positive and at most half of leaseInterval.");
        }

        Within(storage.LeaseAcquireInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), "leaseAcquireInterval", failures);
        if (options.VersionMatchStrategy != DurableTaskWorkerOptions.VersionMatchStrategy.None && string.IsNullOrWhiteSpace(options.DefaultVersion))
        {
            failures.Add(Prefix + $"defaultVersion is required when versionMatchStrategy is {options.VersionMatchStrategy}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void Within(TimeSpan value, TimeSpan min, TimeSpan max, string key, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Storage}{key} must be between {min:c} and {max:c}.");
        }
    }

    static void Check(object settings, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"{prefix}{JsonKey(r.MemberNames.FirstOrDefault() ?? "?")}: {r.ErrorMessage}"));
    }

    static string JsonKey(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
