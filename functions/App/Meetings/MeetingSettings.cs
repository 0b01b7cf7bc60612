using Hntt.Domain.Policy;

namespace Hntt.App.Meetings;

/// <summary>Which policy new meetings follow, from configuration (<c>Meetings:Policy</c>, <c>Meetings:PolicyCompression</c>).</summary>
/// <param name="Policy">The preset's name.</param>
/// <param name="Compression">Divides every interval (1 in production).</param>
/// <param name="Rules">The preset's values in this build; a planned meeting keeps the values of its own schedule.</param>
public sealed record MeetingSettings(string Policy, double Compression, MeetingPolicy Rules)
{
    /// <summary>The settings from configuration, with the catalog's values for the preset.</summary>
    public static MeetingSettings From(IConfiguration configuration, PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(catalog);
        string preset = configuration["Registry:Preset"] ?? "ThanhHoa";
        string policy = configuration["Meetings:Policy"] ?? (preset == "SonLa" ? "SonLa" : "ThanhHoa");
        double compression = configuration.GetValue("Meetings:PolicyCompression", 1.0);
        return new(policy, compression, catalog.For(policy, compression));
    }
}
