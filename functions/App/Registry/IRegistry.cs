using Hntt.Domain.Registry;

namespace Hntt.App.Registry;

/// <summary>The registry as of now: each workflow step reads it when it runs, so edits reach the next step.</summary>
public interface IRegistry
{
    /// <summary>The whole registry.</summary>
    Task<RegistryData> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the registry with a seed's content.</summary>
    Task LoadAsync(RegistryData data, CancellationToken cancellationToken);

    /// <summary>Adds or changes a technician (a replacement deactivates the old one).</summary>
    Task UpsertTechnicianAsync(Technician technician, CancellationToken cancellationToken);
}

/// <summary>A registry in memory: for the virtual-time workflow tests and for trying the service without storage.</summary>
public sealed class InMemoryRegistry(RegistryData data) : IRegistry
{
    RegistryData current = data;

    /// <inheritdoc/>
    public Task<RegistryData> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref current));

    /// <inheritdoc/>
    public Task LoadAsync(RegistryData data, CancellationToken cancellationToken)
    {
        Volatile.Write(ref current, data);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task UpsertTechnicianAsync(Technician technician, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(technician);
        lock (this)
        {
            current = current with { Technicians = [.. current.Technicians.Where(t => t.Id != technician.Id), technician] };
        }

        return Task.CompletedTask;
    }
}
