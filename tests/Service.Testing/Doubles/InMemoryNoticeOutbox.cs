using Hntt.App.Notices.Email;

namespace Hntt.Testing.Service;

/// <summary>The outbox in memory, for the virtual-time tests.</summary>
public sealed class InMemoryNoticeOutbox : INoticeOutbox
{
    readonly Dictionary<(string, string), OutboxEntry> rows = [];

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxEntry>> EnqueueAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (rows)
        {
            IReadOnlyList<OutboxEntry> current = entries.Select(e => rows.TryGetValue((e.MeetingId, e.NoticeId), out var existing) ? existing : rows[(e.MeetingId, e.NoticeId)] = e).ToList();
            return Task.FromResult(current);
        }
    }

    /// <inheritdoc/>
    public Task UpdateAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (rows)
        {
            foreach (OutboxEntry entry in entries)
            {
                rows[(entry.MeetingId, entry.NoticeId)] = entry;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(string meetingId, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            IReadOnlyList<OutboxEntry> found = rows.Values.Where(r => r.MeetingId == meetingId).ToList();
            return Task.FromResult(found);
        }
    }
}
