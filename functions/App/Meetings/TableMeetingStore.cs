using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>
/// Meeting state in Azure Tables: <c>MeetingSites</c> (PartitionKey the meeting, RowKey the site) and
/// <c>RoomBookings</c> (PartitionKey the booking's UTC start date, so an overlap check reads a few days only).
/// </summary>
public sealed class TableMeetingStore(TableServiceClient tables) : IMeetingStore
{
    readonly TableClient siteTable = tables.GetTableClient("MeetingSites");
    readonly TableClient bookingTable = tables.GetTableClient("RoomBookings");
    readonly TableClient logbookTable = tables.GetTableClient("Logbook");
    readonly TableClient floorTable = tables.GetTableClient("MeetingFloor");
    readonly TableClient reportTable = tables.GetTableClient("MeetingReports");

    /// <inheritdoc/>
    public async Task SaveReportAsync(string meetingId, MeetingReport report, CancellationToken cancellationToken)
    {
        await reportTable.EnsureCreatedAsync(cancellationToken);
        await reportTable.UpsertEntityAsync(new TableEntity(meetingId, "report") { ["Json"] = JsonSerializer.Serialize(report, AppJson.Options) },
            TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<MeetingReport?> ReadReportAsync(string meetingId, CancellationToken cancellationToken)
    {
        await reportTable.EnsureCreatedAsync(cancellationToken);
        NullableResponse<TableEntity> row = await reportTable.GetEntityIfExistsAsync<TableEntity>(meetingId, "report", cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<MeetingReport>(row.Value!.GetString("Json"), AppJson.Options) : null;
    }

    /// <inheritdoc/>
    public async Task AddSitesAsync(IReadOnlyList<MeetingSite> sites, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sites);
        await siteTable.EnsureCreatedAsync(cancellationToken);
        foreach (var meeting in sites.GroupBy(s => s.MeetingId))
        {
            foreach (MeetingSite[] chunk in meeting.Chunk(100))
            {
                await siteTable.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))), cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<MeetingSite>> ReadSitesAsync(string meetingId, CancellationToken cancellationToken)
    {
        await siteTable.EnsureCreatedAsync(cancellationToken);
        var rows = new List<MeetingSite>();
        await foreach (TableEntity e in siteTable.QueryAsync<TableEntity>(e => e.PartitionKey == meetingId, cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(e));
        }

        return rows;
    }

    /// <inheritdoc/>
    public async Task<MeetingSite?> ReadSiteAsync(string meetingId, string siteId, CancellationToken cancellationToken)
    {
        await siteTable.EnsureCreatedAsync(cancellationToken);
        NullableResponse<TableEntity> row = await siteTable.GetEntityIfExistsAsync<TableEntity>(meetingId, siteId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> SignLogbookAsync(LogbookEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await logbookTable.EnsureCreatedAsync(cancellationToken);
        try
        {
            await logbookTable.UpdateEntityAsync(new TableEntity(entry.SiteId, $"{entry.MeetingId}|{entry.Session}")
            {
                ["Json"] = JsonSerializer.Serialize(entry with { SignedByTechnician = true }, AppJson.Options),
                ["StartUtc"] = entry.StartUtc,
            }, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAsync(string meetingId, string siteId, ReadinessStage stage, SiteCheck check, CancellationToken cancellationToken)
    {
        try
        {
            await siteTable.UpdateEntityAsync(new TableEntity(meetingId, siteId) { [stage.ToString()] = JsonSerializer.Serialize(check, AppJson.Options) },
                ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task MarkAsync(string meetingId, IReadOnlyList<string> siteIds, SiteMark mark, ReadinessStage stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var wanted = new HashSet<string>(siteIds);
        IEnumerable<MeetingSite> rows = (await ReadSitesAsync(meetingId, cancellationToken)).Where(s => wanted.Contains(s.SiteId))
            .Select(s => s.Marked(mark, stage));
        foreach (MeetingSite[] chunk in rows.Chunk(100))
        {
            await siteTable.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpdateMerge, Marks(s))), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string meetingId, IReadOnlyList<string> siteIds, ReadinessStage stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var wanted = new HashSet<string>(siteIds);
        // Whole rows are replaced, each only if unchanged since read: a report arriving meanwhile is kept, and the row read again.
        for (int attempt = 1; ; attempt++)
        {
            var rows = new List<TableEntity>();
            await foreach (TableEntity e in siteTable.QueryAsync<TableEntity>(e => e.PartitionKey == meetingId, cancellationToken: cancellationToken))
            {
                if (wanted.Contains(e.RowKey))
                {
                    TableEntity replaced = ToEntity(FromEntity(e).Forgotten(stage));
                    replaced.ETag = e.ETag;
                    rows.Add(replaced);
                }
            }

            try
            {
                foreach (TableEntity[] chunk in rows.Chunk(100))
                {
                    await siteTable.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateReplace, e, e.ETag)), cancellationToken);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // a technician reported meanwhile: read again
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RoomBooking>> ReadBookingsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        await bookingTable.EnsureCreatedAsync(cancellationToken);
        string from = Day(fromUtc);
        string to = Day(toUtc.AddDays(1));
        var found = new List<RoomBooking>();
        await foreach (TableEntity e in bookingTable.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            var booking = new RoomBooking(e.GetString("SiteId")!, e.GetString("MeetingId")!, e.GetDateTimeOffset("StartUtc")!.Value.UtcDateTime, e.GetDateTimeOffset("EndUtc")!.Value.UtcDateTime);
            if (booking.StartUtc >= fromUtc && booking.StartUtc < toUtc)
            {
                found.Add(booking);
            }
        }

        return found;
    }

    /// <inheritdoc/>
    public async Task BookAsync(string meetingId, IReadOnlyList<RoomBooking> bookings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        await ReleaseAsync(meetingId, cancellationToken);
        foreach (var day in bookings.GroupBy(b => Day(b.StartUtc)))
        {
            foreach (RoomBooking[] chunk in day.Chunk(100))
            {
                await bookingTable.SubmitTransactionAsync(chunk.Select(b => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(day.Key, $"{b.MeetingId}|{b.SiteId}") { ["SiteId"] = b.SiteId, ["MeetingId"] = b.MeetingId, ["StartUtc"] = b.StartUtc, ["EndUtc"] = b.EndUtc })), cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public async Task ReleaseAsync(string meetingId, CancellationToken cancellationToken)
    {
        await bookingTable.EnsureCreatedAsync(cancellationToken);
        var mine = new List<TableEntity>();
        await foreach (TableEntity e in bookingTable.QueryAsync<TableEntity>(e => e.GetString("MeetingId") == meetingId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            mine.Add(e);
        }

        foreach (var day in mine.GroupBy(e => e.PartitionKey))
        {
            foreach (TableEntity[] chunk in day.Chunk(100))
            {
                await bookingTable.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public async Task OpenLogbookAsync(IReadOnlyList<LogbookEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await logbookTable.EnsureCreatedAsync(cancellationToken);
        foreach (LogbookEntry entry in entries)
        {
            try
            {
                await logbookTable.AddEntityAsync(new TableEntity(entry.SiteId, $"{entry.MeetingId}|{entry.Session}")
                {
                    ["Json"] = JsonSerializer.Serialize(entry, AppJson.Options),
                    ["StartUtc"] = entry.StartUtc,
                }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Opened before (a retried activity): the technician may have written in it already.
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LogbookEntry>> ReadLogbookAsync(string siteId, CancellationToken cancellationToken)
    {
        await logbookTable.EnsureCreatedAsync(cancellationToken);
        var entries = new List<LogbookEntry>();
        await foreach (TableEntity e in logbookTable.QueryAsync<TableEntity>(e => e.PartitionKey == siteId, cancellationToken: cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<LogbookEntry>(e.GetString("Json")!, AppJson.Options)!);
        }

        return [.. entries.OrderByDescending(e => e.StartUtc)];
    }

    /// <inheritdoc/>
    public async Task RequestFloorAsync(SpeakingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await floorTable.EnsureCreatedAsync(cancellationToken);
        await floorTable.AddEntityAsync(new TableEntity(request.MeetingId, $"s|{request.RequestedAtUtc.Ticks:D19}|{request.SiteId}")
        {
            ["Json"] = JsonSerializer.Serialize(request, AppJson.Options),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> GrantFloorAsync(string meetingId, string siteId, DateTime grantedAtUtc, CancellationToken cancellationToken)
    {
        await foreach (TableEntity e in floorTable.QueryAsync<TableEntity>(e => e.PartitionKey == meetingId && e.RowKey.CompareTo("s|") >= 0 && e.RowKey.CompareTo("s}") < 0, cancellationToken: cancellationToken))
        {
            SpeakingRequest request = JsonSerializer.Deserialize<SpeakingRequest>(e.GetString("Json")!, AppJson.Options)!;
            if (request.SiteId == siteId && request.GrantedAtUtc is null)
            {
                e["Json"] = JsonSerializer.Serialize(request with { GrantedAtUtc = grantedAtUtc }, AppJson.Options);
                await floorTable.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SpeakingRequest>> ReadFloorAsync(string meetingId, CancellationToken cancellationToken) =>
        await ReadJsonAsync<SpeakingRequest>(meetingId, "s", cancellationToken);

    /// <inheritdoc/>
    public async Task SaveIncidentAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        await floorTable.EnsureCreatedAsync(cancellationToken);
        await floorTable.UpsertEntityAsync(new TableEntity(incident.MeetingId, $"i|{incident.ReportedAtUtc.Ticks:D19}|{incident.Id}")
        {
            ["Json"] = JsonSerializer.Serialize(incident, AppJson.Options),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Incident>> ReadIncidentsAsync(string meetingId, CancellationToken cancellationToken) =>
        await ReadJsonAsync<Incident>(meetingId, "i", cancellationToken);

    async Task<IReadOnlyList<T>> ReadJsonAsync<T>(string meetingId, string prefix, CancellationToken cancellationToken)
    {
        await floorTable.EnsureCreatedAsync(cancellationToken);
        var items = new List<T>();
        string lower = prefix + "|";
        string upper = prefix + "}";
        await foreach (TableEntity e in floorTable.QueryAsync<TableEntity>(e => e.PartitionKey == meetingId && e.RowKey.CompareTo(lower) >= 0 && e.RowKey.CompareTo(upper) < 0, cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<T>(e.GetString("Json")!, AppJson.Options)!);
        }

        return items;
    }

    static string Day(DateTime utc) => utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    static TableEntity ToEntity(MeetingSite s)
    {
        TableEntity e = Marks(s);
        e["Role"] = s.Role.ToString();
        foreach (ReadinessStage stage in Enum.GetValues<ReadinessStage>())
        {
            e[stage.ToString()] = s.Result(stage) is { } check ? JsonSerializer.Serialize(check, AppJson.Options) : null;
        }

        return e;
    }

    static TableEntity Marks(MeetingSite s) => new(s.MeetingId, s.SiteId)
    {
        ["Reminded"] = string.Join(',', s.Reminded),
        ["Escalated"] = string.Join(',', s.Escalated),
        ["AtRisk"] = s.AtRisk,
    };

    static MeetingSite FromEntity(TableEntity e)
    {
        SiteCheck? Check(ReadinessStage stage) => e.GetString(stage.ToString()) is { } json ? JsonSerializer.Deserialize<SiteCheck>(json, AppJson.Options) : null;
        IReadOnlyList<ReadinessStage> Stages(string name) =>
            (e.GetString(name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ReadinessStage>).ToList();
        return new MeetingSite(e.PartitionKey, e.RowKey, Enum.Parse<SiteRole>(e.GetString("Role") ?? nameof(SiteRole.Satellite)))
        {
            FirstTest = Check(ReadinessStage.FirstTest),
            SecondTest = Check(ReadinessStage.SecondTest),
            Ready = Check(ReadinessStage.Ready),
            Rehearsal = Check(ReadinessStage.Rehearsal),
            Reminded = Stages("Reminded"),
            Escalated = Stages("Escalated"),
            AtRisk = e.GetBoolean("AtRisk") ?? false,
        };
    }
}
