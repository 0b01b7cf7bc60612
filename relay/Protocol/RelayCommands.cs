namespace Hntt.Relay.Protocol;

/// <summary>A command to the relay. The idempotency key makes a retried command return the first result without running twice.</summary>
/// <param name="IdempotencyKey">Stable across retries of the same command.</param>
/// <param name="McuId">The MCU it acts on; commands to one MCU run one at a time, in order.</param>
/// <param name="Command">What to do (see <see cref="RelayCommandNames"/>).</param>
/// <param name="Conference">The conference (the meeting id).</param>
/// <param name="Target">The slave MCU, site or participant it concerns.</param>
/// <param name="Value">A layout name, or <c>true</c>/<c>false</c> for mute.</param>
public sealed record RelayCommandRequest(string IdempotencyKey, string McuId, string Command, string Conference, string? Target = null, string? Value = null);

/// <summary>The outcome of a command.</summary>
/// <param name="Succeeded">It was carried out.</param>
/// <param name="Detail">What the MCU answered, or why it failed.</param>
/// <param name="Milliseconds">How long the MCU took.</param>
public sealed record RelayCommandResult(bool Succeeded, string Detail, double Milliseconds);

/// <summary>A conference as an MCU reports it.</summary>
/// <param name="Conference">The conference (the meeting id).</param>
/// <param name="Participants">Who is connected (cascaded slaves among them).</param>
/// <param name="Layout">The layout.</param>
/// <param name="OnChairScreen">The site on the chair's screen.</param>
/// <param name="Ended">Torn down.</param>
public sealed record ConferenceStatus(string Conference, IReadOnlyList<string> Participants, string Layout, string? OnChairScreen, bool Ended);

/// <summary>The commands the relay knows.</summary>
public static class RelayCommandNames
{
    /// <summary>Dial the slave MCU (Target) into the master's conference (SL II.1 step 5).</summary>
    public const string Cascade = "cascade";

    /// <summary>Set the conference's layout (Value), e.g. one site full-screen on slaves.</summary>
    public const string Layout = "layout";

    /// <summary>On the site's own MCU (a slave): send that site (Target) up the cascade link (SL II.1 step 6).</summary>
    public const string RouteUp = "route-up";

    /// <summary>On the master: put a site, or the cascade link carrying it (Target), on the chair's screen (SL II.1 step 6).</summary>
    public const string BringToChair = "bring-to-chair";

    /// <summary>Mute (Value true) or unmute a participant (Target).</summary>
    public const string Mute = "mute";

    /// <summary>Disconnect a participant (Target).</summary>
    public const string Disconnect = "disconnect";

    /// <summary>End the conference and its cascade links.</summary>
    public const string TearDown = "teardown";

    /// <summary>Every command.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Cascade, Layout, RouteUp, BringToChair, Mute, Disconnect, TearDown };
}
