namespace Hntt.Durable.Storage;

/// <summary>The query filter as code, for stores that filter in memory.</summary>
internal static class ProjectionFilter
{
    public static bool Matches(OrchestrationQuery query, InstanceHead head) =>
        (query.Statuses is not { Count: > 0 } || query.Statuses.Contains(head.Status))
        && (query.Name is null || head.Name == query.Name)
        && (query.CreatedFrom is null || head.CreatedAt >= query.CreatedFrom.Value.UtcDateTime)
        && (query.CreatedTo is null || head.CreatedAt < query.CreatedTo.Value.UtcDateTime)
        && (query.InstanceIdPrefix is null || head.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal));
}
