using Hntt.Domain.Rules;

namespace Hntt.App.Relay;

/// <summary>The on-prem relay that drives the MCUs. The signed HTTPS client replaces the recording stand-in in the relay issue.</summary>
public interface IRelayClient
{
    /// <summary>SL II.1 step 5: cascades every slave into the master; slaves show one site full-screen.</summary>
    Task CascadeAsync(string meetingId, string masterMcuId, ConnectionPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// SL II.1 step 6: the site's own MCU sends it up the cascade (when that is a slave), and the master puts it on the
    /// chair's screen; <paramref name="requestId"/> makes a retry act once.
    /// </summary>
    Task BringToChairAsync(string meetingId, string masterMcuId, string siteMcuId, string siteId, string requestId, CancellationToken cancellationToken);

    /// <summary>Tears the meeting's cascade down.</summary>
    Task TearDownAsync(string meetingId, string masterMcuId, CancellationToken cancellationToken);
}

/// <summary>A relay command as the stand-in recorded it.</summary>
public sealed record RelayCommand(string MeetingId, string Command, string Target, DateTimeOffset At);

/// <summary>The stand-in when no relay is configured: records each command and answers at once (or fails, while <see cref="Down"/>).</summary>
public sealed class RecordingRelayClient(TimeProvider time) : IRelayClient
{
    readonly System.Collections.Concurrent.ConcurrentQueue<RelayCommand> commands = new();

    /// <summary>While true, every command fails as an unreachable relay would.</summary>
    public bool Down { get; set; }

    /// <summary>Every command so far, in order.</summary>
    public IReadOnlyList<RelayCommand> Commands => [.. commands];

    /// <inheritdoc/>
    public Task CascadeAsync(string meetingId, string masterMcuId, ConnectionPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ThrowIfDown();
        foreach (CascadeLink link in plan.Links)
        {
            commands.Enqueue(new RelayCommand(meetingId, "cascade", $"{link.SlaveMcuId}->{link.MasterMcuId}", time.GetUtcNow()));
            commands.Enqueue(new RelayCommand(meetingId, "layout-full-screen", link.SlaveMcuId, time.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task BringToChairAsync(string meetingId, string masterMcuId, string siteMcuId, string siteId, string requestId, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        if (siteMcuId != masterMcuId)
        {
            commands.Enqueue(new RelayCommand(meetingId, "route-up", $"{siteMcuId}:{siteId}", time.GetUtcNow()));
        }

        commands.Enqueue(new RelayCommand(meetingId, "bring-to-chair", siteId, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task TearDownAsync(string meetingId, string masterMcuId, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        commands.Enqueue(new RelayCommand(meetingId, "tear-down", meetingId, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    void ThrowIfDown()
    {
        if (Down)
        {
            throw new RelayCommandFailedException("The relay is not reachable.");
        }
    }
}
