using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.Durable;

/// <summary>The orchestrators and activities a worker runs, by name (the class name unless given).</summary>
public sealed class DurableTaskRegistry
{
    readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator class, created for each execution with its dependencies injected.</summary>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null) where T : class, ITaskOrchestrator
    {
        orchestrators[name ?? typeof(T).Name] = services => ActivatorUtilities.CreateInstance<T>(services);
        return this;
    }

    /// <summary>Registers an orchestrator instance under a name.</summary>
    public DurableTaskRegistry AddOrchestrator(string name, ITaskOrchestrator orchestrator)
    {
        orchestrators[name] = _ => orchestrator;
        return this;
    }

    /// <summary>Registers an activity class, created for each call with its dependencies injected.</summary>
    public DurableTaskRegistry AddActivity<T>(string? name = null) where T : class, ITaskActivity
    {
        activities[name ?? typeof(T).Name] = services => ActivatorUtilities.CreateInstance<T>(services);
        return this;
    }

    /// <summary>Registers an activity as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run)
    {
        activities[name] = _ => new FuncActivity<TInput, TOutput>(run);
        return this;
    }

    /// <summary>Registers an orchestrator as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    {
        orchestrators[name] = _ => new FuncOrchestrator<TInput, TOutput>(run);
        return this;
    }

    /// <summary>Registers every non-abstract orchestrator and activity class of an assembly.</summary>
    public DurableTaskRegistry AddAllFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (Type type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true }))
        {
            if (typeof(ITaskOrchestrator).IsAssignableFrom(type))
            {
                orchestrators[type.Name] = services => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type);
            }
            else if (typeof(ITaskActivity).IsAssignableFrom(type))
            {
                activities[type.Name] = services => (ITaskActivity)ActivatorUtilities.CreateInstance(services, type);
            }
        }

        return this;
    }

    internal ITaskOrchestrator? CreateOrchestrator(string name, IServiceProvider services) =>
        orchestrators.TryGetValue(name, out var create) ? create(services) : null;

    internal ITaskActivity? CreateActivity(string name, IServiceProvider services) =>
        activities.TryGetValue(name, out var create) ? create(services) : null;

    sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }

    sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }
}
