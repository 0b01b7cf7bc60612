using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub.Tests;

/// <summary>Settings come from host.json keys; a bad one stops the host at start and names the key.</summary>
public sealed class OptionsTests
{
    static async Task<OptionsValidationException> StartWithAsync(params (string Key, string Value)[] settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.AddDurableTaskHub(_ => { });
        using IHost host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task An_invalid_partition_count_names_its_host_json_key()
    {
        OptionsValidationException error = await StartWithAsync(("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("extensions:durableTask:storageProvider:partitionCount", "40"));

        Assert.Contains("extensions:durableTask:storageProvider:partitionCount: must be between 1 and 16.", error.Failures);
    }

    [Fact]
    public async Task An_invalid_hub_name_lease_timing_and_visibility_are_all_reported()
    {
        OptionsValidationException error = await StartWithAsync(("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("extensions:durableTask:hubName", "9-bad"),
            ("extensions:durableTask:storageProvider:leaseRenewInterval", "00:00:20"),
            ("extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout", "00:00:01"));

        Assert.Contains(error.Failures, f => f.StartsWith("extensions:durableTask:hubName:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("extensions:durableTask:storageProvider:leaseRenewInterval", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_match_strategy_without_a_default_version_names_the_missing_key()
    {
        OptionsValidationException error = await StartWithAsync(("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("extensions:durableTask:versionMatchStrategy", "CurrentOrOlder"));

        Assert.Contains("extensions:durableTask:defaultVersion is required when versionMatchStrategy is CurrentOrOlder.", error.Failures);
    }

    [Fact]
    public void The_host_json_of_the_repository_binds_to_valid_options_under_the_Durable_Functions_names()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Hntt.Testing.RepoPaths.Root, "host.json")).Build();
        TaskHubOptions options = configuration.GetSection(TaskHubOptions.Section).Get<TaskHubOptions>()!;

        Assert.Equal("hntt", options.HubName);
        Assert.Equal(4, options.StorageProvider.PartitionCount);
        Assert.Equal("AzureWebJobsStorage", options.StorageProvider.Connection);
        Assert.Equal(TimeSpan.FromSeconds(1), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal("2", options.DefaultVersion);
        Assert.Equal(Microsoft.DurableTask.Worker.DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder, options.VersionMatchStrategy);
        Assert.True(new TaskHubOptionsValidator().Validate(null, options).Succeeded);
    }
}
