using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Hntt.TaskHub;

/// <summary>
/// Gives the Durable Task Framework's dispatchers the SDK's orchestrators and activities, each wrapped in the SDK's own
/// shim and made with the host's services. Registration happens in <see cref="DurableTaskRegistry"/> only.
/// </summary>
internal sealed class TaskObjects(DurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceProvider services)
{
    readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> orchestrators =
        registry.GetOrchestrators().ToDictionary(r => r.Key.Name, r => r.Value, StringComparer.OrdinalIgnoreCase);

    readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> activities =
        registry.GetActivities().ToDictionary(r => r.Key.Name, r => r.Value, StringComparer.OrdinalIgnoreCase);

    public INameVersionObjectManager<TaskOrchestration> Orchestrations => new Manager<TaskOrchestration>(name =>
        orchestrators.TryGetValue(name, out var create) ? shims.CreateOrchestration(name, create(services)) : null);

    public INameVersionObjectManager<TaskActivity> Activities => new Manager<TaskActivity>(name =>
        activities.TryGetValue(name, out var create) ? shims.CreateActivity(name, create(services)) : null);

    sealed class Manager<T>(Func<string, T?> create) : INameVersionObjectManager<T>
        where T : class
    {
        public void Add(ObjectCreator<T> creator) => throw new NotSupportedException("Register orchestrators and activities in the DurableTaskRegistry.");

        public T? GetObject(string name, string? version) => create(name);
    }
}
