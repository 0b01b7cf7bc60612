using Hntt.App.Meetings;
using Hntt.Domain.Inspections;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;

namespace Hntt.App.Reports;

/// <summary>A month or a year, in local time.</summary>
/// <param name="Year">The year.</param>
/// <param name="Month">The month, or null for the whole year.</param>
public sealed record ReportPeriod(int Year, int? Month = null)
{
    /// <summary>Where it starts (UTC).</summary>
    public DateTime FromUtc => VietnamTime.ToUtc(new DateTime(Year, Month ?? 1, 1));

    /// <summary>Where it ends, exclusive (UTC).</summary>
    public DateTime ToUtc => VietnamTime.ToUtc(Month is { } m ? new DateTime(Year, m, 1).AddMonths(1) : new DateTime(Year + 1, 1, 1));

    /// <summary>"năm 2026", "tháng 11/2026".</summary>
    public string Vietnamese => Month is { } m ? $"tháng {m:00}/{Year}" : $"năm {Year}";
}

/// <summary>A label and how many.</summary>
public sealed record Tally(string Label, int Count);

/// <summary>One meeting as the report reads it: its line, rooms, incidents, report and the rooms' quality ratings.</summary>
public sealed record ReportMeeting(MeetingEntry Entry, IReadOnlyList<MeetingSite> Sites, IReadOnlyList<Incident> Incidents, MeetingReport? Report, IReadOnlyList<string> Qualities);

/// <summary>Everything a report is computed from.</summary>
public sealed record ReportData(IReadOnlyList<ReportMeeting> Meetings, IReadOnlyList<Inspection> Inspections, IReadOnlyList<Finding> Findings, RegistryData Registry);

/// <summary>
/// The network's effectiveness over a month or a year (TH Art. 8.8, 12.2): meetings by kind, host and month; rooms
/// invited, ready on time, late and absent; incidents by kind and time to resolve; chair switches against SL II.1
/// step 6's 30 seconds; the rooms' quality ratings; inspections and open findings (TH Art. 6.4); technicians.
/// </summary>
public sealed record NetworkReport(ReportPeriod Period, DateTime GeneratedUtc)
{
    /// <summary>Meetings held (closed as done).</summary>
    public int MeetingsHeld { get; init; }

    /// <summary>Meetings cancelled.</summary>
    public int MeetingsCancelled { get; init; }

    /// <summary>Held, by kind (planned, emergency).</summary>
    public IReadOnlyList<Tally> ByKind { get; init; } = [];

    /// <summary>Held, by host unit, most first.</summary>
    public IReadOnlyList<Tally> ByHost { get; init; } = [];

    /// <summary>Held, by month (a year's report).</summary>
    public IReadOnlyList<Tally> ByMonth { get; init; } = [];

    /// <summary>Satellite rooms invited to the meetings held.</summary>
    public int RoomsInvited { get; init; }

    /// <summary>Confirmed their last test before the ready check (SL II.1 step 5).</summary>
    public int RoomsReadyOnTime { get; init; }

    /// <summary>On the at-risk list at the ready check, confirmed after it.</summary>
    public int RoomsReadyLate { get; init; }

    /// <summary>Never confirmed.</summary>
    public int RoomsAbsent { get; init; }

    /// <summary>Incidents, by kind.</summary>
    public IReadOnlyList<Tally> IncidentsByKind { get; init; } = [];

    /// <summary>Incidents resolved.</summary>
    public int IncidentsResolved { get; init; }

    /// <summary>Median minutes from report to resolution; null without resolved incidents.</summary>
    public double? MedianMinutesToResolve { get; init; }

    /// <summary>"Bring site to chair" requests.</summary>
    public int ChairSwitches { get; init; }

    /// <summary>Of those, on screen within 30 seconds (SL II.1 step 6).</summary>
    public int ChairSwitchesWithinLimit { get; init; }

    /// <summary>The rooms' quality ratings (good, fair, poor) from their signed logbooks.</summary>
    public IReadOnlyList<Tally> Quality { get; init; } = [];

    /// <summary>Inspections held in the period.</summary>
    public int Inspections { get; init; }

    /// <summary>Findings recorded in the period.</summary>
    public int FindingsRecorded { get; init; }

    /// <summary>Findings open when the report was made.</summary>
    public int FindingsOpen { get; init; }

    /// <summary>Of those, critical.</summary>
    public int FindingsOpenCritical { get; init; }

    /// <summary>Active technicians.</summary>
    public int TechniciansActive { get; init; }

    /// <summary>Newcomers who replaced a technician (TH Art. 8.3).</summary>
    public int TechniciansReplaced { get; init; }

    /// <summary>Newcomers whose training DIC still has to plan.</summary>
    public int TechniciansAwaitingTraining { get; init; }

    /// <summary>The figures from <paramref name="data"/>.</summary>
    public static NetworkReport Compute(ReportPeriod period, ReportData data, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(data);
        List<ReportMeeting> held = [.. data.Meetings.Where(m => m.Entry.Phase == MeetingPhase.Done)];
        List<MeetingSite> rooms = [.. held.SelectMany(m => m.Sites).Where(s => s.Role == SiteRole.Satellite)];
        List<Incident> incidents = [.. held.SelectMany(m => m.Incidents)];
        List<ChairSwitch> switches = [.. held.SelectMany(m => m.Report?.ChairSwitches ?? [])];
        double[] minutes = [.. incidents.Where(i => i.ResolvedAtUtc is not null).Select(i => (i.ResolvedAtUtc!.Value - i.ReportedAtUtc).TotalMinutes).Order()];
        Dictionary<string, string> units = data.Registry.Units.ToDictionary(u => u.Id, u => u.Name);
        bool InPeriod(DateTime utc) => utc >= period.FromUtc && utc < period.ToUtc;
        return new NetworkReport(period, nowUtc)
        {
            MeetingsHeld = held.Count,
            MeetingsCancelled = data.Meetings.Count(m => m.Entry.Phase == MeetingPhase.Cancelled),
            ByKind = [.. Enum.GetValues<MeetingKind>().Select(k => new Tally(KindName(k), held.Count(m => m.Entry.Kind == k)))],
            ByHost = [.. held.GroupBy(m => m.Entry.HostUnitId).Select(g => new Tally(units.GetValueOrDefault(g.Key, g.Key), g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Label, StringComparer.Ordinal)],
            ByMonth = period.Month is null
                ? [.. Enumerable.Range(1, 12).Select(month => new Tally($"{month:00}", held.Count(m => VietnamTime.ToLocal(m.Entry.StartUtc).Month == month)))]
                : [],
            RoomsInvited = rooms.Count,
            RoomsReadyOnTime = rooms.Count(r => r.Confirmed(ReadinessStage.SecondTest) && !r.AtRisk),
            RoomsReadyLate = rooms.Count(r => r.Confirmed(ReadinessStage.SecondTest) && r.AtRisk),
            RoomsAbsent = rooms.Count(r => !r.Confirmed(ReadinessStage.SecondTest)),
            IncidentsByKind = [.. Enum.GetValues<IncidentKind>().Select(k => new Tally(IncidentName(k), incidents.Count(i => i.Kind == k)))],
            IncidentsResolved = minutes.Length,
            MedianMinutesToResolve = minutes.Length == 0 ? null : minutes.Length % 2 == 1 ? minutes[minutes.Length / 2] : (minutes[(minutes.Length / 2) - 1] + minutes[minutes.Length / 2]) / 2,
            ChairSwitches = switches.Count,
            ChairSwitchesWithinLimit = switches.Count(s => s.WithinLimit),
            Quality = [.. new[] { ("good", "Tốt"), ("fair", "Trung bình"), ("poor", "Kém") }.Select(q => new Tally(q.Item2, held.Sum(m => m.Qualities.Count(x => x == q.Item1))))],
            Inspections = data.Inspections.Count(i => InPeriod(i.PlannedUtc)),
            FindingsRecorded = data.Findings.Count(f => InPeriod(f.RecordedUtc)),
            FindingsOpen = data.Findings.Count(f => f.Open),
            FindingsOpenCritical = data.Findings.Count(f => f.Blocks),
            TechniciansActive = data.Registry.Technicians.Count(t => t.Active),
            TechniciansReplaced = data.Registry.Technicians.Count(t => t.Replaces is not null),
            TechniciansAwaitingTraining = data.Registry.Technicians.Count(t => t.Active && t.TrainingRequired),
        };
    }

    /// <summary>A kind of meeting in Vietnamese.</summary>
    public static string KindName(MeetingKind kind) => kind == MeetingKind.Emergency ? "Đột xuất, khẩn cấp" : "Theo kế hoạch";

    /// <summary>A kind of incident in Vietnamese.</summary>
    public static string IncidentName(IncidentKind kind) => kind switch
    {
        IncidentKind.DroppedCall => "Mất kết nối",
        IncidentKind.DegradedAudio => "Âm thanh kém",
        IncidentKind.DegradedVideo => "Hình ảnh kém",
        _ => "Khác",
    };
}
