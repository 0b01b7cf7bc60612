using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Hntt.App.Notices.Email;

/// <summary>Where a notice stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Recorded, not yet sent.</summary>
    Queued,
    /// <summary>Accepted by the mail server.</summary>
    Sent,
    /// <summary>The last attempt failed; it will be sent again.</summary>
    Failed,
    /// <summary>The recipient has no e-mail address: call or fax instead.</summary>
    NoAddress,
}

/// <summary>One notice in the outbox: its deterministic id, recipient, delivery status and, for emergencies, when it was phoned.</summary>
public sealed record OutboxEntry(string MeetingId, string NoticeId, NoticeKind Kind, string Recipient, string? Email, string? Phone, string? Fax, string? SiteId)
{
    /// <summary>Where it stands.</summary>
    public DeliveryStatus Status { get; init; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; init; }

    /// <summary>When the server accepted it.</summary>
    public DateTime? SentAtUtc { get; init; }

    /// <summary>Emergency call list: when a coordinator phoned the recipient (TH Art. 7.4).</summary>
    public DateTime? CalledAtUtc { get; init; }

    /// <summary>The notice itself, to send it again after a failure.</summary>
    public required string NoticeJson { get; init; }

    /// <summary>The notice, read back.</summary>
    public Notice Notice => JsonSerializer.Deserialize<Notice>(NoticeJson, AppJson.Options)!;
}

/// <summary>The outbox: one row per notice, so that sending twice sends once and delivery status is queryable per meeting.</summary>
public interface INoticeOutbox
{
    /// <summary>Adds the entries not there yet (as queued); returns every given entry as stored now.</summary>
    Task<IReadOnlyList<OutboxEntry>> EnqueueAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>Saves new statuses.</summary>
    Task UpdateAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>A meeting's notices: who has been told, and how it went.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAsync(string meetingId, CancellationToken cancellationToken);
}

/// <summary>The emergency call list (TH Art. 7.4): the emergency notices' recipients, to phone and fax as well, ticked off with the time of the call.</summary>
public static class CallList
{
    /// <summary>The list: unit or person, phone, fax, and when each was called.</summary>
    public static async Task<IReadOnlyList<OutboxEntry>> ReadAsync(INoticeOutbox outbox, string meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        return [.. (await outbox.ReadAsync(meetingId, cancellationToken)).Where(e => e.Kind == NoticeKind.EmergencyNotice).OrderBy(e => e.Recipient, StringComparer.Ordinal)];
    }

    /// <summary>A coordinator ticks a call off; false when the entry is not on the list.</summary>
    public static async Task<bool> TickAsync(INoticeOutbox outbox, string meetingId, string noticeId, DateTime calledAtUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        OutboxEntry? entry = (await ReadAsync(outbox, meetingId, cancellationToken)).FirstOrDefault(e => e.NoticeId == noticeId);
        if (entry is null)
        {
            return false;
        }

        await outbox.UpdateAsync([entry with { CalledAtUtc = calledAtUtc }], cancellationToken);
        return true;
    }
}

/// <summary>The outbox in Azure Tables (<c>NoticeOutbox</c>: PartitionKey the meeting, RowKey the notice id).</summary>
public sealed class TableNoticeOutbox(TableServiceClient tables) : INoticeOutbox
{
    readonly TableClient table = tables.GetTableClient("NoticeOutbox");

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxEntry>> EnqueueAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await table.EnsureCreatedAsync(cancellationToken);
        var current = new List<OutboxEntry>();
        foreach (var meeting in entries.GroupBy(e => e.MeetingId))
        {
            foreach (OutboxEntry[] chunk in meeting.Chunk(40))
            {
                string keys = string.Join(" or ", chunk.Select(e => TableClient.CreateQueryFilter($"RowKey eq {e.NoticeId}")));
                var stored = new Dictionary<string, OutboxEntry>();
                await foreach (TableEntity row in table.QueryAsync<TableEntity>($"{TableClient.CreateQueryFilter($"PartitionKey eq {meeting.Key}")} and ({keys})", cancellationToken: cancellationToken))
                {
                    stored[row.RowKey] = FromEntity(row);
                }

                OutboxEntry[] added = chunk.Where(e => !stored.ContainsKey(e.NoticeId)).ToArray();
                if (added.Length > 0)
                {
                    await table.SubmitTransactionAsync(added.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(e))), cancellationToken);
                }

                current.AddRange(chunk.Select(e => stored.GetValueOrDefault(e.NoticeId) ?? e));
            }
        }

        return current;
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var meeting in entries.GroupBy(e => e.MeetingId))
        {
            foreach (OutboxEntry[] chunk in meeting.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(e))), cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxEntry>> ReadAsync(string meetingId, CancellationToken cancellationToken)
    {
        await table.EnsureCreatedAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(e => e.PartitionKey == meetingId, cancellationToken: cancellationToken))
        {
            entries.Add(FromEntity(row));
        }

        return entries;
    }

    static TableEntity ToEntity(OutboxEntry e) => new(e.MeetingId, e.NoticeId)
    {
        ["Json"] = JsonSerializer.Serialize(e, AppJson.Options),
        ["Status"] = e.Status.ToString(),
    };

    static OutboxEntry FromEntity(TableEntity row) => JsonSerializer.Deserialize<OutboxEntry>(row.GetString("Json")!, AppJson.Options)!;
}
