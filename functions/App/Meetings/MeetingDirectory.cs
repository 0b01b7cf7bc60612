using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>
/// A meeting as the lists show it: host, title, times, rooms, phase. Written when a coordinator submits and kept
/// current by the workflow (planned, moved, started, closed), so lists never open orchestration histories.
/// </summary>
public sealed record MeetingEntry(string MeetingId, string HostUnitId, string Title, MeetingKind Kind, DateTime StartUtc, DateTime EndUtc, MeetingPhase Phase)
{
    /// <summary>The chair room, once planned.</summary>
    public string? ChairSiteId { get; init; }

    /// <summary>How many rooms take part, chair included, once planned.</summary>
    public int SiteCount { get; init; }

    /// <summary>Who submitted it (the token's subject), or <c>workflow</c> when started otherwise.</summary>
    public string SubmittedBy { get; init; } = "workflow";

    /// <summary>When it was submitted.</summary>
    public DateTime SubmittedAtUtc { get; init; }

    /// <summary>A hash of the submitted request: a retried submit with the same Idempotency-Key must match it.</summary>
    public string? RequestHash { get; init; }

    /// <summary>The rules and obligations the workflow runs from, once planned.</summary>
    public MeetingSchedule? Schedule { get; init; }

    /// <summary>
    /// True once the workflow has begun to close the meeting (or refused it): the line says so while the orchestration
    /// still runs its closing steps, and such a meeting takes no more requests.
    /// </summary>
    public bool IsClosed => Phase.IsClosed();
}

/// <summary>The list of meetings.</summary>
public interface IMeetingDirectory
{
    /// <summary>Adds a meeting; false (and nothing written) when one with that id exists.</summary>
    Task<bool> AddAsync(MeetingEntry entry, CancellationToken cancellationToken);

    /// <summary>One meeting, or null.</summary>
    Task<MeetingEntry?> ReadAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an open meeting to <see cref="MeetingPhase.Closing"/>, atomically: true for the one request that closed it, false when it was
    /// closed already. The one answer to "is this meeting still taking requests?" once a cancel is accepted.
    /// </summary>
    Task<bool> TryCloseAsync(string meetingId, CancellationToken cancellationToken);

    /// <summary>Sets the phase, and the plan's times, rooms and schedule when given; adds the meeting if it is not listed yet.</summary>
    Task UpdateAsync(string meetingId, MeetingPhase phase, MeetingSummary? summary, MeetingSchedule? schedule, CancellationToken cancellationToken);

    /// <summary>Meetings starting in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), by start time.</summary>
    Task<IReadOnlyList<MeetingEntry>> StartingAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);
}

/// <summary>What an update changes, the same for every store.</summary>
internal static class MeetingDirectoryRules
{
    public static MeetingEntry Apply(MeetingEntry entry, MeetingPhase phase, MeetingSummary? summary, MeetingSchedule? schedule) =>
        Apply(entry with { Phase = entry.Phase.Move(phase), Schedule = schedule ?? entry.Schedule }, summary);

    static MeetingEntry Apply(MeetingEntry entry, MeetingSummary? summary) => summary is null ? entry : entry with
    {
        HostUnitId = summary.HostUnitId,
        Title = summary.Title,
        Kind = summary.Kind,
        StartUtc = summary.StartUtc,
        EndUtc = summary.EndUtc,
        ChairSiteId = summary.ChairSiteId,
        SiteCount = summary.SiteCount + 1,
    };
}
