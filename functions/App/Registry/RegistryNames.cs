using Hntt.Domain.Registry;

namespace Hntt.App.Registry;

/// <summary>Units and rooms by name: what people read in lists and pages instead of ids.</summary>
public sealed class RegistryNames(RegistryData data)
{
    readonly Dictionary<string, string> units = data.Units.ToDictionary(u => u.Id, u => u.Name);
    readonly Dictionary<string, string> sites = data.Sites.ToDictionary(s => s.Id, s => s.Name);

    /// <summary>The names as the registry holds them now.</summary>
    public static async Task<RegistryNames> ReadAsync(IRegistry registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new(await registry.ReadAsync(cancellationToken));
    }

    /// <summary>A unit's name; null when unknown.</summary>
    public string? Unit(string? id) => id is null ? null : units.GetValueOrDefault(id);

    /// <summary>A room's name; null when unknown.</summary>
    public string? Site(string? id) => id is null ? null : sites.GetValueOrDefault(id);
}
