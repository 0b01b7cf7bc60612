namespace Hntt.Durable;

/// <summary>Which instances a query returns.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only this orchestrator name.</summary>
    public string? Name { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instance ids starting with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size, 1 to 1,000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page stopped.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include inputs and outputs.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last one.</param>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
