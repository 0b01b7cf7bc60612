using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>
/// The directory in Azure Tables (table <c>Meetings</c>): PartitionKey the start's UTC month, so a date range
/// reads a few partitions; a second row per meeting under <c>id</c> points a read by id at its month.
/// </summary>
public sealed class TableMeetingDirectory(TableServiceClient tables) : IMeetingDirectory
{
    const string ById = "id";
    readonly TableClient table = tables.GetTableClient("Meetings");

    /// <inheritdoc/>
    public async Task<bool> AddAsync(MeetingEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The id row first: it is the one that says the meeting exists; the month row follows it.
            await table.AddEntityAsync(ToEntity(ById, entry), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        await table.UpsertEntityAsync(ToEntity(Month(entry.StartUtc), entry), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async Task<MeetingEntry?> ReadAsync(string meetingId, CancellationToken cancellationToken)
    {
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(ById, meetingId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> TryCloseAsync(string meetingId, CancellationToken cancellationToken)
    {
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(ById, meetingId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!row.HasValue || FromEntity(row.Value!) is not { IsClosed: false } open)
            {
                return false;
            }

            MeetingEntry closing = open with { Phase = MeetingPhase.Closing };
            try
            {
                // Only if nobody changed the row since it was read: of two cancels at once, one closes it.
                await table.UpdateEntityAsync(ToEntity(ById, closing), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                continue; // changed meanwhile (by the workflow, or another cancel): look again
            }

            if (closing.StartUtc != default)
            {
                await table.UpsertEntityAsync(ToEntity(Month(closing.StartUtc), closing), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(string meetingId, MeetingPhase phase, MeetingSummary? summary, MeetingSchedule? schedule, CancellationToken cancellationToken)
    {
        MeetingEntry? current = await ReadAsync(meetingId, cancellationToken).ConfigureAwait(false);
        MeetingEntry updated = MeetingDirectoryRules.Apply(
            current ?? new MeetingEntry(meetingId, summary?.HostUnitId ?? "?", summary?.Title ?? meetingId, summary?.Kind ?? MeetingKind.Planned, default, default, phase),
            phase, summary, schedule);
        if (current is not null && current.StartUtc != default && Month(current.StartUtc) != Month(updated.StartUtc))
        {
            await table.DeleteEntityAsync(Month(current.StartUtc), meetingId, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        if (updated.StartUtc != default)
        {
            await table.UpsertEntityAsync(ToEntity(Month(updated.StartUtc), updated), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(ToEntity(ById, updated), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<MeetingEntry>> StartingAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<MeetingEntry>();
        for (var month = new DateTime(fromUtc.Year, fromUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc); month < toUtc; month = month.AddMonths(1))
        {
            string pk = Month(month);
            DateTimeOffset from = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), to = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
            await foreach (TableEntity e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and StartUtc ge {from} and StartUtc lt {to}"),
                cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(FromEntity(e));
            }
        }

        return [.. found.OrderBy(e => e.StartUtc).ThenBy(e => e.MeetingId, StringComparer.Ordinal)];
    }

    static string Month(DateTime utc) => utc.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

    static TableEntity ToEntity(string partition, MeetingEntry entry) => new(partition, entry.MeetingId)
    {
        ["StartUtc"] = entry.StartUtc == default ? null : DateTime.SpecifyKind(entry.StartUtc, DateTimeKind.Utc),
        ["HostUnitId"] = entry.HostUnitId,
        ["Phase"] = entry.Phase.ToString(),
        ["Json"] = JsonSerializer.Serialize(entry, AppJson.Options),
    };

    static MeetingEntry FromEntity(TableEntity e) => JsonSerializer.Deserialize<MeetingEntry>(e.GetString("Json")!, AppJson.Options)!;
}
