namespace Hntt.Domain.Meetings;

/// <summary>Planned meetings follow the full timeline; emergencies (storm, flood, disaster) the compressed one (TH Art. 7.4, SL II.2).</summary>
public enum MeetingKind
{
    /// <summary>A scheduled meeting.</summary>
    Planned,
    /// <summary>An emergency meeting.</summary>
    Emergency,
}

/// <summary>Which sites take part: listed ids, every district, and every commune of some districts.</summary>
/// <param name="SiteIds">Sites named one by one.</param>
/// <param name="AllDistricts">Every district site of the province.</param>
/// <param name="AllCommunesOf">District site ids whose communes all take part.</param>
public sealed record SiteSelection(IReadOnlyList<string>? SiteIds = null, bool AllDistricts = false, IReadOnlyList<string>? AllCommunesOf = null);

/// <summary>What a coordinator asks for. Times are local (Asia/Ho_Chi_Minh), as people write them.</summary>
/// <param name="HostUnitId">The unit that chairs the meeting.</param>
/// <param name="Title">The meeting's title.</param>
/// <param name="Kind">Planned or emergency.</param>
/// <param name="LocalStart">Start, local time.</param>
/// <param name="LocalEnd">End, local time.</param>
/// <param name="Sites">The participating sites.</param>
/// <param name="ChairSiteId">Overrides the chair room the host rule gives (TH Art. 4.1).</param>
/// <param name="ScriptUrl">The running order (kịch bản).</param>
/// <param name="DocumentUrls">Documents for the participants.</param>
/// <param name="LocalRehearsal">Optional rehearsal time (tổng duyệt), local.</param>
public sealed record MeetingRequest(
    string HostUnitId,
    string Title,
    MeetingKind Kind,
    DateTime LocalStart,
    DateTime LocalEnd,
    SiteSelection Sites,
    string? ChairSiteId = null,
    string? ScriptUrl = null,
    IReadOnlyList<string>? DocumentUrls = null,
    DateTime? LocalRehearsal = null);

/// <summary>Local time in Vietnam (UTC+7, no daylight saving): stored as UTC, shown local.</summary>
public static class VietnamTime
{
    /// <summary>The time zone.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    /// <summary>A local wall-clock time as UTC.</summary>
    public static DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    /// <summary>A UTC time as local wall-clock time.</summary>
    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
