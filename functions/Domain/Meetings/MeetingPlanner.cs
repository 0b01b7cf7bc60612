using Hntt.Domain.Policy;
using Hntt.Domain.Registry;
using Hntt.Domain.Rules;

namespace Hntt.Domain.Meetings;

/// <summary>A problem with a request, naming the field and the rule, in Vietnamese for the coordinator.</summary>
/// <param name="Field">The request field (camelCase, as in the API).</param>
/// <param name="Rule">A stable rule name.</param>
/// <param name="Message">What is wrong, in Vietnamese.</param>
public sealed record ValidationError(string Field, string Rule, string Message);

/// <summary>A room already reserved for a meeting over a time span (TH Art. 4.2).</summary>
public sealed record RoomBooking(string SiteId, string MeetingId, DateTime StartUtc, DateTime EndUtc);

/// <summary>An accepted meeting: resolved rooms and UTC times.</summary>
/// <param name="HostUnitId">The host.</param>
/// <param name="Title">The title.</param>
/// <param name="Kind">Planned or emergency.</param>
/// <param name="StartUtc">Start.</param>
/// <param name="EndUtc">End.</param>
/// <param name="ChairSiteId">The chair room.</param>
/// <param name="SatelliteSiteIds">Every other participating room.</param>
/// <param name="LateNotice">Why a planned meeting is late (less than the DIC lead time), or null.</param>
public sealed record MeetingPlan(string HostUnitId, string Title, MeetingKind Kind, DateTime StartUtc, DateTime EndUtc,
    string ChairSiteId, IReadOnlyList<string> SatelliteSiteIds, string? LateNotice);

/// <summary>Checks a request against the registry, the bookings and the clock, and resolves its rooms.</summary>
public static class MeetingPlanner
{
    const int MaxTitleLength = 300;
    const int MaxDocuments = 50;
    static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);
    static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(400);

    static bool IsWebLink(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// The bookings a request can collide with (TH Art. 4.2: one meeting per room at a time): those starting before
    /// its end and no earlier than the longest meeting allowed before its start — anything earlier has ended.
    /// </summary>
    public static (DateTime FromUtc, DateTime ToUtc) BookingWindow(MeetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (VietnamTime.ToUtc(request.LocalStart) - MaxDuration, VietnamTime.ToUtc(request.LocalEnd));
    }

    /// <summary>Times outside the years this service plans for (2000–2100): checked before any other, as nothing else can be computed from them.</summary>
    public static IReadOnlyList<ValidationError> OutOfRange(MeetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        foreach (var (field, value) in new[] { ("localStart", (DateTime?)request.LocalStart), ("localEnd", request.LocalEnd), ("localRehearsal", request.LocalRehearsal) })
        {
            if (value is { Year: < 2000 or > 2100 })
            {
                errors.Add(new(field, "range", "Thời gian phải trong khoảng năm 2000–2100."));
            }
        }

        return errors;
    }

    /// <summary>The plan, or the errors that stop it (all of them, not just the first).</summary>
    public static (MeetingPlan? Plan, IReadOnlyList<ValidationError> Errors) Plan(
        MeetingRequest request, RegistryData registry, IEnumerable<RoomBooking> bookings, DateTime nowUtc, MeetingPolicy policy, string? meetingId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(policy);
        if (OutOfRange(request) is { Count: > 0 } outOfRange)
        {
            return (null, outOfRange);
        }

        var errors = new List<ValidationError>();
        Dictionary<string, Site> sites = registry.Sites.ToDictionary(s => s.Id);
        Unit? host = registry.Units.FirstOrDefault(u => u.Id == request.HostUnitId);
        if (host is null)
        {
            errors.Add(new("hostUnitId", "unknown", $"Không có đơn vị chủ trì '{request.HostUnitId}' trong danh mục."));
        }

        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors.Add(new("title", "required", "Chưa nhập tên hội nghị."));
        }
        else if (request.Title.Length > MaxTitleLength)
        {
            errors.Add(new("title", "maxLength", $"Tên hội nghị tối đa {MaxTitleLength} ký tự."));
        }

        if (request.ScriptUrl is { } script && !IsWebLink(script))
        {
            errors.Add(new("scriptUrl", "url", "Kịch bản phải là một liên kết http(s) đầy đủ."));
        }

        if (request.DocumentUrls is { } documents && (documents.Count > MaxDocuments || !documents.All(IsWebLink)))
        {
            errors.Add(new("documentUrls", "url", $"Tối đa {MaxDocuments} tài liệu, mỗi tài liệu là một liên kết http(s) đầy đủ."));
        }

        DateTime start = VietnamTime.ToUtc(request.LocalStart);
        DateTime end = VietnamTime.ToUtc(request.LocalEnd);
        if (start <= nowUtc)
        {
            errors.Add(new("localStart", "inThePast", $"Thời gian bắt đầu {request.LocalStart:HH:mm dd/MM/yyyy} đã qua."));
        }

        if (end <= start)
        {
            errors.Add(new("localEnd", "beforeStart", "Thời gian kết thúc phải sau thời gian bắt đầu."));
        }
        else if (end - start > MaxDuration)
        {
            errors.Add(new("localEnd", "maxDuration", $"Một phiên họp dài tối đa {MaxDuration.TotalHours:0} giờ; phiên nhiều ngày đăng ký từng ngày."));
        }

        if (start - nowUtc > MaxLeadTime)
        {
            errors.Add(new("localStart", "tooFar", $"Chỉ đăng ký trước tối đa {MaxLeadTime.TotalDays:0} ngày."));
        }

        if (request.LocalRehearsal is { } rehearsal && (rehearsal >= request.LocalStart || rehearsal < request.LocalStart.AddDays(-7)))
        {
            errors.Add(new("localRehearsal", "beforeStart", "Tổng duyệt trong vòng 7 ngày trước giờ họp."));
        }

        var participants = new List<string>();
        foreach (string id in request.Sites.SiteIds ?? [])
        {
            if (sites.ContainsKey(id))
            {
                participants.Add(id);
            }
            else
            {
                errors.Add(new("sites.siteIds", "unknown", $"Không có điểm cầu '{id}' trong danh mục."));
            }
        }

        if (request.Sites.AllDistricts)
        {
            participants.AddRange(registry.Sites.Where(s => s.Level == SiteLevel.District).Select(s => s.Id));
        }

        foreach (string district in request.Sites.AllCommunesOf ?? [])
        {
            if (!sites.TryGetValue(district, out Site? d) || d.Level != SiteLevel.District)
            {
                errors.Add(new("sites.allCommunesOf", "unknown", $"Không có điểm cầu cấp huyện '{district}'."));
                continue;
            }

            participants.AddRange(registry.Sites.Where(s => s.DistrictSiteId == district).Select(s => s.Id));
        }

        // TH Art. 4.1: the chair room follows the host, unless the coordinator chose one.
        Site? chair = request.ChairSiteId is { } chosen ? sites.GetValueOrDefault(chosen) : host is null ? null : ChairSiteRule.ChairFor(host, registry.Sites);
        if (chair is null && host is not null)
        {
            errors.Add(new("chairSiteId", request.ChairSiteId is null ? "noChairRoom" : "unknown",
                request.ChairSiteId is null ? "Chưa có phòng họp chủ tọa cho loại đơn vị chủ trì này (Điều 4.1)." : $"Không có điểm cầu '{request.ChairSiteId}'."));
        }

        List<string> satellites = participants.Distinct().Where(id => id != chair?.Id).ToList();
        if (satellites.Count == 0 && errors.Count == 0)
        {
            errors.Add(new("sites", "empty", "Chưa chọn điểm cầu tham dự."));
        }

        // TH Art. 4.2: rooms are reserved first come; a double booking is a conflict.
        var rooms = new HashSet<string>(satellites);
        if (chair is not null)
        {
            rooms.Add(chair.Id);
        }

        foreach (RoomBooking clash in bookings.Where(b => b.MeetingId != meetingId && rooms.Contains(b.SiteId) && b.StartUtc < end && start < b.EndUtc))
        {
            string field = clash.SiteId == chair?.Id ? "chairSiteId" : "sites";
            errors.Add(new(field, "roomBooked", $"Phòng {sites[clash.SiteId].Name} đã được đặt cho hội nghị {clash.MeetingId} " +
                $"({VietnamTime.ToLocal(clash.StartUtc):HH:mm}–{VietnamTime.ToLocal(clash.EndUtc):HH:mm dd/MM/yyyy}) (Điều 4.2)."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // TH Art. 7.2: a planned meeting is announced to DIC at least 2 days ahead; a later request is accepted, flagged.
        string? late = request.Kind == MeetingKind.Planned && start - nowUtc < policy.DicNoticeBefore
            ? $"Đăng ký muộn: còn {(start - nowUtc).TotalHours:0} giờ trước hội nghị, quy định tối thiểu {policy.DicNoticeBefore.TotalDays:0} ngày (Điều 7.2)."
            : null;
        return (new MeetingPlan(request.HostUnitId, request.Title.Trim(), request.Kind, start, end, chair!.Id, satellites, late), []);
    }
}
