using Hntt.App.Inspections;
using Hntt.App.Meetings;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;

namespace Hntt.App.Reports;

/// <summary>Gathers a period's data from the stores the workflow keeps, and computes the report.</summary>
public sealed class ReportReader(IMeetingDirectory directory, IMeetingStore store, IInspectionStore inspections, IRegistry registry, TimeProvider time)
{
    /// <summary>The report for <paramref name="period"/>.</summary>
    public async Task<NetworkReport> ReadAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        IReadOnlyList<MeetingEntry> entries = await directory.StartingAsync(period.FromUtc, period.ToUtc, cancellationToken);
        List<MeetingEntry> closed = [.. entries.Where(e => e.Phase is MeetingPhase.Done or MeetingPhase.Cancelled)];
        // Each room's logbook once, for every meeting of the period: a quality rating is the technician's signed word.
        HashSet<string> meetingIds = [.. closed.Select(e => e.MeetingId)];
        var qualities = new Dictionary<string, List<string>>();
        var meetings = new List<ReportMeeting>();
        foreach (MeetingEntry entry in closed)
        {
            meetings.Add(new ReportMeeting(entry, await store.ReadSitesAsync(entry.MeetingId, cancellationToken),
                await store.ReadIncidentsAsync(entry.MeetingId, cancellationToken), await store.ReadReportAsync(entry.MeetingId, cancellationToken), []));
        }

        foreach (string siteId in meetings.SelectMany(m => m.Sites).Select(s => s.SiteId).Distinct())
        {
            foreach (Domain.Meetings.LogbookEntry logbook in await store.ReadLogbookAsync(siteId, cancellationToken))
            {
                if (logbook.Quality is { } quality && meetingIds.Contains(logbook.MeetingId))
                {
                    (qualities.TryGetValue(logbook.MeetingId, out var list) ? list : qualities[logbook.MeetingId] = []).Add(quality);
                }
            }
        }

        var data = new ReportData([.. meetings.Select(m => m with { Qualities = qualities.GetValueOrDefault(m.Entry.MeetingId) ?? [] })],
            await inspections.ListInspectionsAsync(cancellationToken), await inspections.ListFindingsAsync(cancellationToken), await registry.ReadAsync(cancellationToken));
        return NetworkReport.Compute(period, data, time.GetUtcNow().UtcDateTime);
    }
}
