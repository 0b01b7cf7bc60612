using Hntt.App.Meetings;
using Hntt.Domain.Meetings;

namespace Hntt.Testing.Service;

/// <summary>Meeting state in memory: for the virtual-time workflow tests and the benchmark.</summary>
public sealed class InMemoryMeetingStore : IMeetingStore
{
    readonly object gate = new();
    readonly Dictionary<(string, string), MeetingSite> rows = [];
    readonly List<RoomBooking> booked = [];
    readonly Dictionary<(string, string, string), LogbookEntry> logbook = [];
    readonly List<SpeakingRequest> floor = [];
    readonly Dictionary<string, Incident> incidents = [];
    readonly Dictionary<string, MeetingReport> reports = [];

    /// <inheritdoc/>
    public Task AddSitesAsync(IReadOnlyList<MeetingSite> sites, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sites);
        lock (gate)
        {
            foreach (MeetingSite row in sites)
            {
                rows.TryAdd((row.MeetingId, row.SiteId), row);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<MeetingSite>> ReadSitesAsync(string meetingId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<MeetingSite> found = rows.Values.Where(s => s.MeetingId == meetingId).OrderBy(s => s.SiteId, StringComparer.Ordinal).ToList();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task<MeetingSite?> ReadSiteAsync(string meetingId, string siteId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.GetValueOrDefault((meetingId, siteId)));
        }
    }

    /// <inheritdoc/>
    public Task<bool> SignLogbookAsync(LogbookEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            var key = (entry.SiteId, entry.MeetingId, entry.Session);
            if (!logbook.ContainsKey(key))
            {
                return Task.FromResult(false);
            }

            logbook[key] = entry with { SignedByTechnician = true };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<bool> RecordAsync(string meetingId, string siteId, ReadinessStage stage, SiteCheck check, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!rows.TryGetValue((meetingId, siteId), out MeetingSite? row))
            {
                return Task.FromResult(false);
            }

            rows[(meetingId, siteId)] = stage switch
            {
                ReadinessStage.FirstTest => row with { FirstTest = check },
                ReadinessStage.SecondTest => row with { SecondTest = check },
                ReadinessStage.Rehearsal => row with { Rehearsal = check },
                _ => row with { Ready = check },
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task ForgetAsync(string meetingId, IReadOnlyList<string> siteIds, ReadinessStage stage, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (string siteId in siteIds ?? [])
            {
                if (rows.TryGetValue((meetingId, siteId), out MeetingSite? row))
                {
                    rows[(meetingId, siteId)] = row.Forgotten(stage);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task MarkAsync(string meetingId, IReadOnlyList<string> siteIds, SiteMark mark, ReadinessStage stage, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (string siteId in siteIds ?? [])
            {
                if (rows.TryGetValue((meetingId, siteId), out MeetingSite? row))
                {
                    rows[(meetingId, siteId)] = row.Marked(mark, stage);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RoomBooking>> ReadBookingsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<RoomBooking> found = booked.Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc).ToList();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task BookAsync(string meetingId, IReadOnlyList<RoomBooking> bookings, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            booked.RemoveAll(b => b.MeetingId == meetingId);
            booked.AddRange(bookings);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(string meetingId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            booked.RemoveAll(b => b.MeetingId == meetingId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OpenLogbookAsync(IReadOnlyList<LogbookEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (gate)
        {
            foreach (LogbookEntry entry in entries)
            {
                logbook.TryAdd((entry.SiteId, entry.MeetingId, entry.Session), entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LogbookEntry>> ReadLogbookAsync(string siteId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<LogbookEntry> entries = logbook.Values.Where(e => e.SiteId == siteId).OrderByDescending(e => e.StartUtc).ToList();
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc/>
    public Task RequestFloorAsync(SpeakingRequest request, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            floor.Add(request);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> GrantFloorAsync(string meetingId, string siteId, DateTime grantedAtUtc, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            int index = floor.FindIndex(r => r.MeetingId == meetingId && r.SiteId == siteId && r.GrantedAtUtc is null);
            if (index >= 0)
            {
                floor[index] = floor[index] with { GrantedAtUtc = grantedAtUtc };
            }

            return Task.FromResult(index >= 0);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SpeakingRequest>> ReadFloorAsync(string meetingId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<SpeakingRequest> requests = floor.Where(r => r.MeetingId == meetingId).OrderBy(r => r.RequestedAtUtc).ToList();
            return Task.FromResult(requests);
        }
    }

    /// <inheritdoc/>
    public Task SaveReportAsync(string meetingId, MeetingReport report, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            reports[meetingId] = report;
        }

        return Task.CompletedTask;
    }

    public Task<MeetingReport?> ReadReportAsync(string meetingId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(reports.GetValueOrDefault(meetingId));
        }
    }

    public Task SaveIncidentAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        lock (gate)
        {
            incidents[incident.Id] = incident;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Incident>> ReadIncidentsAsync(string meetingId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<Incident> found = incidents.Values.Where(i => i.MeetingId == meetingId).OrderBy(i => i.ReportedAtUtc).ToList();
            return Task.FromResult(found);
        }
    }
}
