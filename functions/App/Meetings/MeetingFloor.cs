using Hntt.App.Meetings.Activities;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.App.Relay;
using Hntt.TaskHub;
using Microsoft.DurableTask.Client;
using Polly;
using Polly.Retry;

namespace Hntt.App.Meetings;

/// <summary>
/// What happens on the floor during a meeting, for the site and chair technicians' pages and API: speaking
/// requests (TH Art. 10.3), "bring site to chair" (SL II.1 step 6), incidents (SL II.1 step 6, TH Art. 11.2).
/// </summary>
public sealed class MeetingFloor(IMeetingStore store, IMeetingDirectory directory, IRegistry registry, IRelayClient relay, DurableTaskClient client, TimeProvider time)
{
    // SL II.1 step 6 allows 30 s: quick retries of a relay that hiccups, and no more.
    static readonly ResiliencePipeline RelayRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(500), ShouldHandle = new PredicateBuilder().Handle<RelayCommandFailedException>().Handle<HttpRequestException>() })
        .AddTimeout(TimeSpan.FromSeconds(20))
        .Build();

    DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A site asks for the floor; the chair-site technician sees it in the queue.</summary>
    public Task RequestToSpeakAsync(string meetingId, string siteId, string? topic, CancellationToken cancellationToken = default) =>
        store.RequestFloorAsync(new SpeakingRequest(meetingId, siteId, Now, topic), cancellationToken);

    /// <summary>The chair gives the floor to a site; false when it was not waiting.</summary>
    public Task<bool> GrantFloorAsync(string meetingId, string siteId, CancellationToken cancellationToken = default) =>
        store.GrantFloorAsync(meetingId, siteId, Now, cancellationToken);

    /// <summary>The chair-site technician's list: waiting requests first, in the order they came.</summary>
    public async Task<IReadOnlyList<SpeakingRequest>> QueueAsync(string meetingId, CancellationToken cancellationToken = default) =>
        [.. (await store.ReadFloorAsync(meetingId, cancellationToken)).OrderBy(r => r.GrantedAtUtc is not null).ThenBy(r => r.RequestedAtUtc)];

    /// <summary>
    /// Puts a site on the chair's screen (SL II.1 step 6, within 30 s): straight through the relay, not after the
    /// workflow's next poll, since the chair is waiting; the workflow then records the switch for the report, or
    /// reports a failure to DIC and the chair room. Before the meeting is planned, the workflow does it all.
    /// </summary>
    public async Task<InstanceAnswer> BringToChairAsync(string meetingId, string siteId, CancellationToken cancellationToken = default)
    {
        DateTime requested = Now;
        // Three reads the chair waits for: at once, not one after the other.
        Task<MeetingEntry?> meeting = directory.ReadAsync(meetingId, cancellationToken);
        Task<InstanceAnswer> running = client.CheckRunningAsync(meetingId, cancellationToken);
        Task<Domain.Registry.RegistryData> registered = registry.ReadAsync(cancellationToken);
        await Task.WhenAll(meeting, running, registered);
        if (await running is not InstanceAnswer.Sent and var answer)
        {
            return answer;
        }

        if (await meeting is not { ChairSiteId: { } chair })
        {
            return await client.SendToRunningAsync(meetingId, new BringToChair(siteId, requested), cancellationToken);
        }

        var (master, siteMcu) = new RegistryView(await registered).ChairRoute(chair, siteId);
        string? failure = null;
        try
        {
            await RelayRetry.ExecuteAsync(async token => await relay.BringToChairAsync(meetingId, master, siteMcu, siteId, $"{requested.Ticks}|{siteId}", token), cancellationToken);
        }
        catch (Exception ex) when (ex is RelayCommandFailedException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            failure = ex.Message;
        }

        var done = new ChairSwitch(siteId, failure is null ? (Now - requested).TotalMilliseconds : -1, WithinLimit: false, failure);
        await client.SendAsync(meetingId, new ChairSwitched(done), cancellationToken);
        return InstanceAnswer.Sent;
    }

    /// <summary>Records an incident and has the workflow report it to PPC Office and DIC; returns its id, or why nothing was recorded.</summary>
    public async Task<(InstanceAnswer Answer, string? IncidentId)> ReportIncidentAsync(string meetingId, string siteId, IncidentKind kind, string description,
        CancellationToken cancellationToken = default)
    {
        if (await client.CheckRunningAsync(meetingId, cancellationToken) is not InstanceAnswer.Sent and var answer)
        {
            return (answer, null);
        }

        var incident = new Incident(Guid.NewGuid().ToString("N"), meetingId, siteId, kind, description, Now);
        await store.SaveIncidentAsync(incident, cancellationToken);
        await client.SendAsync(meetingId, new ReportIncident(incident.Id), cancellationToken);
        return (InstanceAnswer.Sent, incident.Id);
    }

    /// <summary>Closes an incident with how it was fixed.</summary>
    public async Task ResolveIncidentAsync(string meetingId, string incidentId, string resolution, CancellationToken cancellationToken = default)
    {
        Incident incident = (await store.ReadIncidentsAsync(meetingId, cancellationToken)).FirstOrDefault(i => i.Id == incidentId)
            ?? throw new KeyNotFoundException($"No incident '{incidentId}' in meeting '{meetingId}'.");
        await store.SaveIncidentAsync(incident with { ResolvedAtUtc = Now, Resolution = resolution }, cancellationToken);
    }
}
