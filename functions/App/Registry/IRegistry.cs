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

