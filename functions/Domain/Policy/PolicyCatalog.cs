namespace Hntt.Domain.Policy;

/// <summary>
/// The policy presets a build ships, by name. Only planning reads it: from then on a meeting runs from its
/// <see cref="Meetings.MeetingSchedule"/>, so a value changed here applies to the meetings planned after the change
/// and to none already planned.
/// </summary>
public sealed class PolicyCatalog
{
    readonly Dictionary<string, MeetingPolicy> presets;

    /// <summary>A catalog of <paramref name="presets"/>, one per name.</summary>
    public PolicyCatalog(IEnumerable<MeetingPolicy> presets) => this.presets = presets.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The presets of this build: Thanh Hóa and Sơn La.</summary>
    public static PolicyCatalog Shipped { get; } = new([MeetingPolicy.ThanhHoa, MeetingPolicy.SonLa]);

    /// <summary>True when a preset has that name.</summary>
    public bool Has(string name) => presets.ContainsKey(name);

    /// <summary>The preset named <paramref name="name"/>, compressed by <paramref name="compression"/> (1 in production).</summary>
    public MeetingPolicy For(string name, double compression = 1) => presets.TryGetValue(name, out MeetingPolicy? policy)
        ? policy.Compressed(compression)
        : throw new ArgumentException($"Unknown policy preset '{name}': use {string.Join(" or ", presets.Keys)}.", nameof(name));
}
