using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Hntt.Durable.Client;
using Hntt.Durable.Storage;
using Hntt.Durable.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hntt.Durable;

/// <summary>Registers the durable runtime: a worker that runs the registered orchestrations and a client.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime on Azure Storage. Settings come from <c>extensions:durableTask</c> (host.json) and the
    /// storage connection string from the configuration key named by <c>storageProvider:connectionStringName</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="register">Registers orchestrators and activities.</param>
    /// <param name="runWorker">False for a process that only uses the client.</param>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskRegistry> register, bool runWorker = true)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddOptions<DurableTaskOptions>().BindConfiguration(DurableTaskOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DurableTaskOptions>, DurableTaskOptionsValidator>();
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstanceChangeNotifier>();
        services.TryAddSingleton<ITaskHubStore>(sp => CreateStore(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value, null));
        services.AddSingleton(sp =>
        {
            DurableTaskOptions options = sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
            ILoggerFactory loggers = sp.GetRequiredService<ILoggerFactory>();
            var activities = new ActivityRunner(registry, sp, loggers.CreateLogger<ActivityRunner>(), options.MaxConcurrentActivityFunctions);
            string workerId = options.WorkerId is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
            return new WorkerContext(options, registry, sp, loggers, sp.GetRequiredService<TimeProvider>(), workerId, activities, sp.GetRequiredService<InstanceChangeNotifier>());
        });
        services.AddHostedService<TaskHubInitializer>();
        if (runWorker)
        {
            services.AddSingleton<DurableTaskWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        services.AddSingleton(sp => new DurableWorkerStatus(sp.GetService<DurableTaskWorker>()));
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<ITaskHubStore>(), sp.GetRequiredService<IOptions<DurableTaskOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<InstanceChangeNotifier>(), sp.GetService<DurableTaskWorker>()));
        return services;
    }

    internal static AzureTaskHubStore CreateStore(IConfiguration configuration, DurableTaskOptions options, HttpPipelinePolicy? countRequests)
    {
        return CreateStore(StorageConnection.From(configuration, options.StorageProvider.ConnectionStringName), options.HubName, countRequests);
    }

    internal static AzureTaskHubStore CreateStore(string connectionString, string hubName, HttpPipelinePolicy? countRequests) =>
        CreateStore(StorageConnection.FromConnectionString(connectionString), hubName, countRequests);

    static AzureTaskHubStore CreateStore(StorageConnection connection, string hubName, HttpPipelinePolicy? countRequests)
    {
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        if (countRequests is not null)
        {
            tableOptions.AddPolicy(countRequests, HttpPipelinePosition.PerRetry);
            blobOptions.AddPolicy(countRequests, HttpPipelinePosition.PerRetry);
        }

        return new AzureTaskHubStore(connection.Tables(tableOptions), connection.Blobs(blobOptions), hubName);
    }
}
