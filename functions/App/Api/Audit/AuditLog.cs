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
        await table.AddEntityAsync(new TableEntity(Day(entry.AtUtc), $"{DateTime.MaxValue.Ticks - entry.AtUtc.Ticks:D19}-{Guid.NewGuid():N}")
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
        var entries = new List<AuditEntry>();
        for (DateTime day = toUtc.Date; day >= fromUtc.Date && entries.Count < top; day = day.AddDays(-1))
        {
            string pk = Day(day);
            string filter = user is null ? TableClient.CreateQueryFilter($"PartitionKey eq {pk}") : TableClient.CreateQueryFilter($"PartitionKey eq {pk} and User eq {user}");
            await foreach (TableEntity e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                DateTime at = e.GetDateTime("AtUtc") ?? default;
                if (at >= fromUtc && at < toUtc && (target is null || (e.GetString("Target") ?? string.Empty).StartsWith(target, StringComparison.Ordinal)))
                {
                    entries.Add(new AuditEntry(at, e.GetString("User") ?? "?", (e.GetString("Roles") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
                        e.GetString("Method") ?? "?", e.GetString("Target") ?? "?", e.GetInt32("Status") ?? 0, e.GetString("Outcome") ?? "?", e.GetDouble("Milliseconds") ?? 0, e.GetString("TraceId")));
                }

                if (entries.Count >= top)
                {
                    break;
                }
            }
        }

        return entries;
    }

    static string Day(DateTime utc) => utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
