using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>Where meetings keep their per-site state and room bookings.</summary>
public interface IMeetingStore
{
    /// <summary>Creates the meeting's site rows.</summary>
    Task AddSitesAsync(IReadOnlyList<MeetingSite> sites, CancellationToken cancellationToken);

    /// <summary>Every site row of a meeting, ordered by site id.</summary>
    Task<IReadOnlyList<MeetingSite>> ReadSitesAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>One site's row, or null when the site is not in the meeting.</summary>
    Task<MeetingSite?> ReadSiteAsync(string meetingId, string siteId, CancellationToken cancellationToken);

    /// <summary>Records a technician's report; false when the site is not in the meeting.</summary>
    Task<bool> RecordAsync(string meetingId, string siteId, ReadinessStage stage, SiteCheck check, CancellationToken cancellationToken);

    /// <summary>Marks sites reminded, escalated or at risk.</summary>
    Task MarkAsync(string meetingId, IReadOnlyList<string> siteIds, SiteMark mark, ReadinessStage stage, CancellationToken cancellationToken);

    /// <summary>Forgets the sites' result for a stage and the workflow's marks for it, as if they had not reported (a reschedule made it stale).</summary>
    Task ForgetAsync(string meetingId, IReadOnlyList<string> siteIds, ReadinessStage stage, CancellationToken cancellationToken);

    /// <summary>Bookings whose start lies in the given span.</summary>
    Task<IReadOnlyList<RoomBooking>> ReadBookingsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);

    /// <summary>Books the rooms (replacing the meeting's earlier bookings).</summary>
    Task BookAsync(string meetingId, IReadOnlyList<RoomBooking> bookings, CancellationToken cancellationToken);

    /// <summary>Frees the meeting's rooms.</summary>
    Task ReleaseAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Opens logbook entries (an entry already opened is left as it is).</summary>
    Task OpenLogbookAsync(IReadOnlyList<LogbookEntry> entries, CancellationToken cancellationToken);

    /// <summary>Adds a speaking request.</summary>
    Task RequestFloorAsync(SpeakingRequest request, CancellationToken cancellationToken);

    /// <summary>Marks the site's waiting request granted; false when it has none.</summary>
    Task<bool> GrantFloorAsync(string meetingId, string siteId, DateTime grantedAtUtc, CancellationToken cancellationToken);

    /// <summary>The meeting's speaking requests in the order they came.</summary>
    Task<IReadOnlyList<SpeakingRequest>> ReadFloorAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Records an incident, or its resolution (same id).</summary>
    Task SaveIncidentAsync(Incident incident, CancellationToken cancellationToken);

    /// <summary>The meeting's incidents in the order they were reported.</summary>
    Task<IReadOnlyList<Incident>> ReadIncidentsAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Completes and signs an opened logbook entry (same site, meeting and session); false when none is open.</summary>
    Task<bool> SignLogbookAsync(LogbookEntry entry, CancellationToken cancellationToken);

    /// <summary>A room's logbook, newest first.</summary>
    Task<IReadOnlyList<LogbookEntry>> ReadLogbookAsync(string siteId, CancellationToken cancellationToken);

    /// <summary>Keeps the meeting's report as it closed (SL II.1 step 7), for the monthly and yearly reports.</summary>
    Task SaveReportAsync(string meetingId, MeetingReport report, CancellationToken cancellationToken);

    /// <summary>The meeting's report, once it closed.</summary>
    Task<MeetingReport?> ReadReportAsync(string meetingId, CancellationToken cancellationToken);
}
