using System.Globalization;
using Azure.Data.Tables;

namespace Hntt.App.Api.Audit;

/// <summary>One mutating request: who, in which role, did what to which target, with what outcome, when.</summary>
public sealed record AuditEntry(DateTime AtUtc, string User, IReadOnlyList<string> Roles, string Method, string Target, int Status, string Outcome, double Milliseconds, string? TraceId);

/// <summary>
/// The audit trail in Azure Tables (table <c>Audit</c>): PartitionKey the UTC day, RowKey inverted ticks so a
/// day reads newest first. Rows are only ever added — no update or delete is issued by the service.
/// </summary>
public sealed class AuditLog(TableServiceClient tables)
{
    readonly TableClient table = tables.GetTableClient("Audit");

    /// <summary>Appends an entry.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(new TableEntity(Day(entry.AtUtc), $"{RowKeyOf(entry.AtUtc)}-{Guid.NewGuid():N}")
        {
            ["AtUtc"] = DateTime.SpecifyKind(entry.AtUtc, DateTimeKind.Utc),
            ["User"] = entry.User,
            ["Roles"] = string.Join(',', entry.Roles),
            ["Method"] = entry.Method,
            ["Target"] = entry.Target,
            ["Status"] = entry.Status,
            ["Outcome"] = entry.Outcome,
            ["Milliseconds"] = entry.Milliseconds,
            ["TraceId"] = entry.TraceId,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries from <paramref name="fromUtc"/> to <paramref name="toUtc"/>, newest first, optionally one user's or under one target path.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTime fromUtc, DateTime toUtc, string? user, string? target, int top, CancellationToken cancellationToken)
    {
        await table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // The storage service filters: the time range is a RowKey range (inverted ticks), the target a string prefix range.
        string after = RowKeyOf(toUtc.AddTicks(-1)), upTo = RowKeyOf(fromUtc.AddTicks(-1));
        var entries = new List<AuditEntry>();
        for (DateTime day = toUtc.Date; day >= fromUtc.Date && entries.Count < top; day = day.AddDays(-1))
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Day(day)} and RowKey ge {after} and RowKey lt {upTo}");
            if (user is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"User eq {user}");
            }

            if (target is not null)
            {
                filter += " and " + TableClient.CreateQueryFilter($"Target ge {target} and Target lt {target + char.MaxValue}");
            }

            await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(top, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new AuditEntry(e.GetDateTime("AtUtc") ?? default, e.GetString("User") ?? "?", (e.GetString("Roles") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
                    e.GetString("Method") ?? "?", e.GetString("Target") ?? "?", e.GetInt32("Status") ?? 0, e.GetString("Outcome") ?? "?", e.GetDouble("Milliseconds") ?? 0, e.GetString("TraceId")));
                if (entries.Count >= top)
                {
                    break;
                }
            }
        }

        return entries;
    }

    // Newest first within a day: the row key orders by inverted ticks, then a random suffix.
    static string RowKeyOf(DateTime atUtc) => (DateTime.MaxValue.Ticks - atUtc.Ticks).ToString("D19", CultureInfo.InvariantCulture);

    static string Day(DateTime utc) => utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
