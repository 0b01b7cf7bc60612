using System.Globalization;
using Hntt.Domain.Meetings;

namespace Hntt.App.Web;

/// <summary>Vietnamese first, English on request (<c>?lang=en</c>, kept in a cookie); times always local, with the date.</summary>
public sealed class Text(IHttpContextAccessor http)
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>True when the user chose English.</summary>
    public bool English => (http.HttpContext?.Request.Query["lang"].FirstOrDefault() ?? http.HttpContext?.Request.Cookies["lang"]) == "en";

    /// <summary>The page language code.</summary>
    public string Lang => English ? "en" : "vi";

    /// <summary>The text in the user's language.</summary>
    public string T(string vietnamese, string english) => English ? english : vietnamese;

    /// <summary>A UTC time as Vietnam's local time with the weekday and date.</summary>
    public string Local(DateTime? utc) => utc is { } u ? LocalOf(VietnamTime.ToLocal(DateTime.SpecifyKind(u, DateTimeKind.Utc))) : "—";

    /// <summary>A time that is already local.</summary>
    public string LocalOf(DateTime local) => local.ToString("HH:mm ddd dd/MM/yyyy", English ? CultureInfo.InvariantCulture : Vietnamese);

    /// <summary>A meeting phase in words.</summary>
    public string Phase(MeetingPhase phase) => phase switch
    {
        MeetingPhase.Submitted => T("Đã gửi", "Submitted"),
        MeetingPhase.Preparing => T("Đang chuẩn bị", "Preparing"),
        MeetingPhase.InProgress => T("Đang họp", "In progress"),
        MeetingPhase.Closing => T("Đang kết thúc", "Closing"),
        MeetingPhase.Done => T("Đã kết thúc", "Done"),
        MeetingPhase.Cancelled => T("Đã hủy", "Cancelled"),
        MeetingPhase.Rejected => T("Bị từ chối", "Rejected"),
        _ => phase.ToString(),
    };

    /// <summary>An obligation in words.</summary>
    public string Obligation(ObligationKind kind)
    {
        var (vietnamese, english) = Meetings.ObligationNames.Of(kind);
        return T(vietnamese, english);
    }

    /// <summary>An obligation's state in words.</summary>
    public string State(string state) => state switch
    {
        "done" => T("Đã xong", "Done"),
        "due" => T("Đến hạn", "Due"),
        "late" => T("Trễ hạn", "Late"),
        "done-late" => T("Đã xong, trễ hạn", "Done late"),
        "upcoming" => T("Sắp tới", "Upcoming"),
        "cancelled" => T("Hủy", "Cancelled"),
        _ => state,
    };
}
