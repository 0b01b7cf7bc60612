using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub;

/// <summary>Registers the Durable Task SDK on the Azure Storage provider: a worker running the registered tasks, and a client.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the task hub. Settings come from <c>extensions:durableTask</c> (host.json) and the storage connection from
    /// the configuration key named by <c>storageProvider:connectionName</c>; a bad setting stops the host at start, naming its key.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="register">Registers orchestrators and activities.</param>
    /// <param name="runWorker">False for a process that only uses the client.</param>
    public static IServiceCollection AddDurableTaskHub(this IServiceCollection services, Action<DurableTaskRegistry> register, bool runWorker = true)
    {
        ArgumentNullException.ThrowIfNull(register);
        services.AddTaskHubSettings();
        var registry = new DurableTaskRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton<PoisonMessageLog>();
        services.AddSingleton<AzureStorageTaskHub>();
        services.AddSingleton<DurableTaskClient>(sp => new CoreDurableTaskClient(
            sp.GetRequiredService<AzureStorageTaskHub>().Service, TaskHubJson.Converter, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TaskHubOptions>>().Value.DefaultVersion));
        if (runWorker)
        {
            services.AddSingleton<TaskHubWorkerHost>();
            services.AddHostedService(sp => sp.GetRequiredService<TaskHubWorkerHost>());
        }
        else
        {
            services.AddHostedService<TaskHubCreator>();
        }

        return services;
    }

    /// <summary>
    /// The task hub's settings alone, checked at start: for a process whose worker and client are another host's (the
    /// Azure Functions app, where the Durable extension runs them from the same host.json keys).
    /// </summary>
    public static IServiceCollection AddTaskHubSettings(this IServiceCollection services)
    {
        services.AddOptions<TaskHubOptions>().BindConfiguration(TaskHubOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TaskHubOptions>, TaskHubOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Registers every orchestrator and activity class of the assembly under its class name.</summary>
    public static DurableTaskRegistry AddAllFrom(this DurableTaskRegistry registry, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (Type type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            if (typeof(ITaskOrchestrator).IsAssignableFrom(type))
            {
                registry.AddOrchestrator(type);
            }
            else if (typeof(ITaskActivity).IsAssignableFrom(type))
            {
                registry.AddActivity(type);
            }
        }

        return registry;
    }

    /// <summary>A client-only process still needs the hub's queues and tables before its first call.</summary>
    sealed class TaskHubCreator(AzureStorageTaskHub hub) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => hub.EnsureCreatedAsync().WaitAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
