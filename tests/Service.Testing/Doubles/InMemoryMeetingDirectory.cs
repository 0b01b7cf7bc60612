using Hntt.App.Meetings;
using Hntt.Domain.Meetings;

namespace Hntt.Testing.Service;

/// <summary>The directory in memory: for the virtual-time tests.</summary>
public sealed class InMemoryMeetingDirectory : IMeetingDirectory
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, MeetingEntry> entries = new();

    /// <inheritdoc/>
    public Task<bool> AddAsync(MeetingEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Task.FromResult(entries.TryAdd(entry.MeetingId, entry));
    }

    /// <inheritdoc/>
    public Task<MeetingEntry?> ReadAsync(string meetingId, CancellationToken cancellationToken) => Task.FromResult(entries.GetValueOrDefault(meetingId));

    /// <inheritdoc/>
    public Task<bool> TryCloseAsync(string meetingId, CancellationToken cancellationToken)
    {
        while (entries.TryGetValue(meetingId, out MeetingEntry? entry) && !entry.IsClosed)
        {
            if (entries.TryUpdate(meetingId, entry with { Phase = MeetingPhase.Closing }, entry))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <inheritdoc/>
    public Task UpdateAsync(string meetingId, MeetingPhase phase, MeetingSummary? summary, MeetingSchedule? schedule, CancellationToken cancellationToken)
    {
        entries.AddOrUpdate(meetingId,
            _ => MeetingDirectoryRules.Apply(new MeetingEntry(meetingId, summary?.HostUnitId ?? "?", summary?.Title ?? meetingId, summary?.Kind ?? MeetingKind.Planned, default, default, phase), phase, summary, schedule),
            (_, entry) => MeetingDirectoryRules.Apply(entry, phase, summary, schedule));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<MeetingEntry>> StartingAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MeetingEntry>>([.. entries.Values.Where(e => e.StartUtc >= fromUtc && e.StartUtc < toUtc).OrderBy(e => e.StartUtc)]);
}
