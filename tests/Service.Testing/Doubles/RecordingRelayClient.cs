using Hntt.App.Relay;
using Hntt.Domain.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hntt.Testing.Service;

/// <summary>A relay command as the test relay recorded it.</summary>
public sealed record RelayCommand(string MeetingId, string Command, string Target, DateTimeOffset At);

/// <summary>A relay for tests: records each command and answers at once (or fails, while <see cref="Down"/>).</summary>
public sealed class RecordingRelayClient(TimeProvider time) : IRelayClient
{
    readonly System.Collections.Concurrent.ConcurrentQueue<RelayCommand> commands = new();

    /// <summary>
    /// Makes a recorder the host's relay. Production refuses to start without relay settings, so they are given too,
    /// pointing nowhere: nothing is sent to them.
    /// </summary>
    public static RecordingRelayClient StandIn(IHostApplicationBuilder builder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelayClient:BaseUrl"] = "http://127.0.0.1:9/",
            ["RelayClient:Key"] = Convert.ToBase64String(new byte[32]),
        });
        var relay = new RecordingRelayClient(time);
        builder.Services.AddSingleton<IRelayClient>(relay);
        return relay;
    }

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
