using Hntt.App.Api.Security;

namespace Hntt.App.Api.Audit;

/// <summary><c>GET /api/audit</c>: the audit trail for ops, admins and auditors.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/audit", ReadAsync).RequireAuthorization(Access.ReadAudit).WithTags("Audit").WithName("ReadAudit").Produces<IReadOnlyList<AuditEntry>>()
            .WithSummary("Mutating requests, newest first (from/to are UTC, default the last day; target: a path prefix, e.g. /api/meetings/{id}).");

    static async Task<IResult> ReadAsync(AuditLog log, TimeProvider time, DateTime? from, DateTime? to, string? user, string? target, int? top, CancellationToken cancellationToken)
    {
        if (Meetings.LocalTimes.OutOfRange(from, to) is { } outOfRange)
        {
            return outOfRange;
        }

        DateTime end = to?.ToUniversalTime() ?? time.GetUtcNow().UtcDateTime.AddMinutes(1);
        DateTime start = from?.ToUniversalTime() ?? end.AddDays(-1);
        if (start >= end)
        {
            return Problems.Invalid("from", "beforeTo", "'from' phải trước 'to' (from must be before to).");
        }

        if (end - start > TimeSpan.FromDays(92))
        {
            return Problems.Invalid("from", "maxRange", "Mỗi lần xem tối đa 92 ngày (at most 92 days per query).");
        }

        if (top is < 1 or > 1000)
        {
            return Problems.Invalid("top", "range", "'top' từ 1 đến 1000.");
        }

        return TypedResults.Ok(await log.ReadAsync(start, end, user, target, top ?? 200, cancellationToken));
    }
}
