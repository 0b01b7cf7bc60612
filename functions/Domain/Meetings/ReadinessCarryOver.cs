using Hntt.Domain.Policy;

namespace Hntt.Domain.Meetings;

/// <summary>
/// What a reschedule keeps of the rooms' readiness (TH Art. 11.1, SL II.1 step 5): a passed test or confirmation
/// still shows the room as it will be when it was taken at most twice its lead time before the new start (a T-1 day
/// test within two days, a T-1 hour test within two hours) and before it. What it keeps is not asked for again;
/// the rest is forgotten, so the room is asked, reminded and escalated as if it had not reported.
/// </summary>
public static class ReadinessCarryOver
{
    /// <summary>The stages a reschedule looks at, in order.</summary>
    public static IReadOnlyList<ReadinessStage> Stages { get; } = [ReadinessStage.FirstTest, ReadinessStage.SecondTest, ReadinessStage.Ready];

    /// <summary>The obligation that asks rooms for the stage.</summary>
    public static ObligationKind AskedBy(ReadinessStage stage) => stage switch
    {
        ReadinessStage.FirstTest => ObligationKind.FirstTestCall,
        ReadinessStage.SecondTest => ObligationKind.SecondTestCall,
        _ => ObligationKind.ReadyCheck,
    };

    /// <summary>How long before the start the rule asks for the stage.</summary>
    public static TimeSpan Lead(ReadinessStage stage, MeetingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return stage switch
        {
            ReadinessStage.FirstTest => policy.FirstTestCallBefore,
            ReadinessStage.SecondTest => policy.SecondTestCallBefore,
            _ => policy.ReadyBefore,
        };
    }

    /// <summary>True when the site's result for the stage still holds for a meeting starting at <paramref name="startUtc"/>.</summary>
    public static bool Holds(SiteCheck? check, ReadinessStage stage, DateTime startUtc, MeetingPolicy policy) =>
        check is { Passed: true } && check.AtUtc <= startUtc && check.AtUtc >= startUtc - (2 * Lead(stage, policy));

    /// <summary>The sites whose reported result for the stage no longer holds and must be forgotten.</summary>
    public static IReadOnlyList<string> Stale(IEnumerable<MeetingSite> sites, ReadinessStage stage, DateTime startUtc, MeetingPolicy policy) =>
        [.. sites.Where(s => s.Result(stage) is { } check && !Holds(check, stage, startUtc, policy)).Select(s => s.SiteId)];
}
