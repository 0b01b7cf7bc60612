using Hntt.Domain.Policy;

namespace Hntt.Domain.Meetings;

/// <summary>
/// A meeting's rules and obligations, fixed when it is planned or moved: the policy's values with their version, and
/// the timeline they gave. Planning returns it into the workflow's history and the workflow runs from it, never from
/// code that may have changed since, so a meeting booked months ahead finishes under the rules it was planned with.
/// </summary>
/// <param name="Policy">The policy's values, <see cref="MeetingPolicy.Version"/> included.</param>
/// <param name="PlannedAtUtc">When it was planned (or moved).</param>
/// <param name="Obligations">What the workflow does and when, in order.</param>
public sealed record MeetingSchedule(MeetingPolicy Policy, DateTime PlannedAtUtc, IReadOnlyList<Obligation> Obligations)
{
    /// <summary>The schedule of a meeting of <paramref name="kind"/> from <paramref name="startUtc"/> to <paramref name="endUtc"/>, planned at <paramref name="nowUtc"/>.</summary>
    public static MeetingSchedule Plan(MeetingKind kind, DateTime startUtc, DateTime endUtc, DateTime nowUtc, MeetingPolicy policy) =>
        new(policy, nowUtc, MeetingTimeline.Build(kind, startUtc, endUtc, nowUtc, policy));
}
