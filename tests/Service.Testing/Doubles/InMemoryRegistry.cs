using Hntt.App.Registry;
using Hntt.Domain.Registry;

namespace Hntt.Testing.Service;

/// <summary>A registry in memory: for the virtual-time workflow tests and the benchmark.</summary>
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
