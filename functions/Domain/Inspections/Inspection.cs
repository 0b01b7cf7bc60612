namespace Hntt.Domain.Inspections;

/// <summary>What an inspection looks at in a room (TH Art. 6.4).</summary>
public enum FindingArea
{
    /// <summary>The room's equipment: codec, cameras, microphones, screens, the line.</summary>
    Equipment,
    /// <summary>The logbook kept for every test and session, signed (TH Art. 4.3).</summary>
    Logbook,
    /// <summary>Two trained technicians on duty, registered with DIC (TH Art. 8.2–8.3).</summary>
    Technicians,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>To fix; does not threaten a session.</summary>
    Minor,
    /// <summary>Degrades sessions.</summary>
    Major,
    /// <summary>The room cannot be relied on for a session until it is fixed: flagged whenever it is invited.</summary>
    Critical,
}

/// <summary>A DIC inspection of a room, planned or ad hoc (TH Art. 6.4).</summary>
/// <param name="Id">Its id.</param>
/// <param name="SiteId">The room.</param>
/// <param name="PlannedUtc">When it takes place.</param>
/// <param name="AdHoc">Unannounced, rather than periodic.</param>
/// <param name="Inspector">Who inspects.</param>
public sealed record Inspection(string Id, string SiteId, DateTime PlannedUtc, bool AdHoc, string Inspector)
{
    /// <summary>What the inspection is for.</summary>
    public string? Notes { get; init; }
}

/// <summary>A file kept with a finding: a photo of the fault, a scan of the logbook.</summary>
/// <param name="Name">The file's name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Bytes">Its size.</param>
public sealed record FindingFile(string Name, string ContentType, long Bytes);

/// <summary>
/// What an inspection found in a room, and the fix DIC assigned: to a unit, by a deadline. Followed up with reminders
/// until it is closed (TH Art. 6.4).
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="InspectionId">The inspection.</param>
/// <param name="SiteId">The room.</param>
/// <param name="Area">What it concerns.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Description">What was found.</param>
/// <param name="AssignedUnitId">The unit that fixes it.</param>
/// <param name="DueUtc">The fix's deadline.</param>
/// <param name="RecordedUtc">When it was recorded.</param>
public sealed record Finding(string Id, string InspectionId, string SiteId, FindingArea Area, FindingSeverity Severity, string Description,
    string AssignedUnitId, DateTime DueUtc, DateTime RecordedUtc)
{
    /// <summary>The files kept with it.</summary>
    public IReadOnlyList<FindingFile> Files { get; init; } = [];

    /// <summary>When it was closed; null while open.</summary>
    public DateTime? ClosedUtc { get; init; }

    /// <summary>How it was fixed.</summary>
    public string? Resolution { get; init; }

    /// <summary>Still to fix.</summary>
    public bool Open => ClosedUtc is null;

    /// <summary>Open and critical: the room is flagged when invited to a meeting.</summary>
    public bool Blocks => Open && Severity == FindingSeverity.Critical;
}

/// <summary>When an open finding's unit is reminded, and when DIC hears it is overdue.</summary>
public static class FindingFollowUp
{
    /// <summary>Reminders before the deadline.</summary>
    public static IReadOnlyList<TimeSpan> Before { get; } = [TimeSpan.FromDays(3), TimeSpan.FromDays(1)];

    /// <summary>After the deadline, the unit and DIC are told again this often until it is closed.</summary>
    public static TimeSpan OverdueEvery { get; } = TimeSpan.FromDays(7);

    /// <summary>The next follow-up after <paramref name="nowUtc"/>, and whether the finding is then overdue.</summary>
    public static (DateTime AtUtc, bool Overdue) Next(DateTime dueUtc, DateTime nowUtc)
    {
        foreach (TimeSpan before in Before)
        {
            if (dueUtc - before > nowUtc)
            {
                return (dueUtc - before, false);
            }
        }

        if (dueUtc > nowUtc)
        {
            return (dueUtc, true);
        }

        long periods = ((nowUtc - dueUtc).Ticks / OverdueEvery.Ticks) + 1;
        return (dueUtc + (OverdueEvery * periods), true);
    }
}
