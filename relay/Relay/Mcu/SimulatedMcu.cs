using System.Collections.Concurrent;
using Hntt.Relay.Protocol;

namespace Hntt.Relay.Mcu;

/// <summary>
/// An MCU in memory with realistic timings and injectable faults, for demos and scale tests: conferences with
/// participants, cascade links, a layout, and the site on the chair's screen.
/// </summary>
public sealed class SimulatedMcu(string id, TimeSpan latency, TimeProvider time) : IMcuDriver
{
    readonly ConcurrentDictionary<string, ConferenceState> conferences = new(StringComparer.Ordinal);
    int running;
    int maxRunning;
    int executed;

    /// <summary>The MCU's id.</summary>
    public string Id => id;

    /// <summary>While true, every command fails as if the MCU were unreachable.</summary>
    public bool Down { get; set; }

    /// <summary>Commands carried out.</summary>
    public int Executed => Volatile.Read(ref executed);

    /// <summary>The most commands ever running at once (the relay must keep it at 1).</summary>
    public int MaxConcurrent => Volatile.Read(ref maxRunning);

    /// <summary>Raised when a command takes effect (the site is on screen, the slave has joined…), with the time.</summary>
    public event Action<RelayCommandRequest, DateTimeOffset>? Applied;

    /// <summary>Commands in the order they ran, with when they took effect.</summary>
    public ConcurrentQueue<(RelayCommandRequest Command, DateTimeOffset At)> Log { get; } = new();

    /// <summary>A conference's state, or null.</summary>
    public ConferenceState? Conference(string name) => conferences.GetValueOrDefault(name);

    /// <inheritdoc/>
    public async Task<string> ExecuteAsync(RelayCommandRequest command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        int now = Interlocked.Increment(ref running);
        InterlockedMax(ref maxRunning, now);
        try
        {
            await Task.Delay(latency, time, cancellationToken);
            if (Down)
            {
                throw new McuException($"MCU {id} is not reachable.");
            }

            ConferenceState conference = conferences.GetOrAdd(command.Conference, _ => new ConferenceState());
            string answer = Apply(conference, command);
            DateTimeOffset at = time.GetUtcNow();
            Log.Enqueue((command, at));
            Applied?.Invoke(command, at);
            Interlocked.Increment(ref executed);
            return answer;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    /// <inheritdoc/>
    public async Task<ConferenceStatus?> ReadAsync(string conference, CancellationToken cancellationToken)
    {
        await Task.Delay(latency, time, cancellationToken);
        if (Down)
        {
            throw new McuException($"MCU {id} is not reachable.");
        }

        if (!conferences.TryGetValue(conference, out ConferenceState? state))
        {
            return null;
        }

        lock (state)
        {
            return new ConferenceStatus(conference, [.. state.Participants.Order(StringComparer.Ordinal)], state.Layout, state.OnChairScreen, state.Ended);
        }
    }

    static string Apply(ConferenceState conference, RelayCommandRequest command)
    {
        lock (conference)
        {
            switch (command.Command)
            {
                case RelayCommandNames.Cascade:
                    conference.Participants.Add(command.Target ?? throw new McuException("cascade needs the slave MCU as target."));
                    return $"{command.Target} joined {command.Conference}";
                case RelayCommandNames.Layout:
                    conference.Layout = command.Value ?? "automatic";
                    return $"layout {conference.Layout}";
                case RelayCommandNames.RouteUp:
                    conference.RoutedUp = command.Target;
                    return $"{command.Target} sent up the cascade";
                case RelayCommandNames.BringToChair:
                    conference.OnChairScreen = command.Target;
                    return $"{command.Target} on the chair's screen";
                case RelayCommandNames.Mute:
                    return $"{command.Target} {(command.Value == "true" ? "muted" : "unmuted")}";
                case RelayCommandNames.Disconnect:
                    conference.Participants.Remove(command.Target ?? string.Empty);
                    return $"{command.Target} disconnected";
                case RelayCommandNames.TearDown:
                    conference.Participants.Clear();
                    conference.Ended = true;
                    return "ended";
                default:
                    throw new McuException($"Unknown command '{command.Command}'.");
            }
        }
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>A simulated conference.</summary>
public sealed class ConferenceState
{
    /// <summary>Participants, cascaded slaves among them.</summary>
    public HashSet<string> Participants { get; } = new(StringComparer.Ordinal);

    /// <summary>The layout.</summary>
    public string Layout { get; set; } = "automatic";

    /// <summary>The site on the chair's screen.</summary>
    public string? OnChairScreen { get; set; }

    /// <summary>On a slave: the site it sends up the cascade.</summary>
    public string? RoutedUp { get; set; }

    /// <summary>Torn down.</summary>
    public bool Ended { get; set; }
}
