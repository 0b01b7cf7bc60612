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

