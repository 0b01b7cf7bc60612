using Hntt.TaskHub;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Meetings;

/// <summary>
/// What happens on the floor during a meeting, for the site and chair technicians' pages and API: speaking
/// requests (TH Art. 10.3), "bring site to chair" (SL II.1 step 6), incidents (SL II.1 step 6, TH Art. 11.2).
/// </summary>
public sealed class MeetingFloor(IMeetingStore store, DurableTaskClient client, TimeProvider time)
{
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

    /// <summary>Puts a site on the chair's screen through the relay; the workflow times it against 30 seconds.</summary>
    public Task<InstanceAnswer> BringToChairAsync(string meetingId, string siteId, CancellationToken cancellationToken = default) =>
        client.RaiseEventToRunningAsync(meetingId, MeetingControl.EventName, new MeetingControl("BringToChair", SiteId: siteId, RequestedAtUtc: Now), cancellationToken);

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
        await client.RaiseEventAsync(meetingId, MeetingControl.EventName, new MeetingControl("Incident", IncidentId: incident.Id), cancellationToken);
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
