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
    public string Phase(string phase) => phase switch
    {
        "Submitted" => T("Đã gửi", "Submitted"),
        "Planning" => T("Đang lập kế hoạch", "Planning"),
        "Preparing" => T("Đang chuẩn bị", "Preparing"),
        "InProgress" => T("Đang họp", "In progress"),
        "Closing" => T("Đang kết thúc", "Closing"),
        "Done" => T("Đã kết thúc", "Done"),
        "Cancelled" => T("Đã hủy", "Cancelled"),
        "Rejected" => T("Bị từ chối", "Rejected"),
        _ => phase,
    };

    /// <summary>An obligation in words.</summary>
    public string Obligation(ObligationKind kind) => kind switch
    {
        ObligationKind.SendDetails => T("Gửi thông tin hội nghị, đề nghị cử kỹ thuật viên", "Send the details, ask for technicians"),
        ObligationKind.NotifyDic => T("Thông báo Sở TT&TT", "Notify DIC"),
        ObligationKind.NotifyTelecomAndPower => T("Đề nghị bảo đảm đường truyền và điện", "Ask telecom and power to assure lines"),
        ObligationKind.EmergencyNotices => T("Thông báo khẩn (điện thoại, fax, e-mail)", "Emergency notices (phone, fax, e-mail)"),
        ObligationKind.ConnectionPlan => T("Lập phương án kết nối", "Plan the connection"),
        ObligationKind.FirstTestCall => T("Thử kết nối trước 1 ngày", "Test call one day before"),
        ObligationKind.FirstTestReminder => T("Nhắc điểm cầu chưa thử", "Remind rooms not yet tested"),
        ObligationKind.FirstTestEscalation => T("Báo cáo điểm cầu chưa thử", "Escalate rooms not tested"),
        ObligationKind.RehearsalAndCascade => T("Tổng duyệt, nối tầng MCU", "Rehearsal, cascade the MCUs"),
        ObligationKind.SecondTestCall => T("Thử kết nối trước 1 giờ", "Test call one hour before"),
        ObligationKind.SecondTestReminder => T("Nhắc thử lần 2", "Remind the second test"),
        ObligationKind.SecondTestEscalation => T("Báo cáo chưa thử lần 2", "Escalate the second test"),
        ObligationKind.ReadyCheck => T("Kiểm tra sẵn sàng trước 30 phút", "Ready check 30 minutes before"),
        ObligationKind.Start => T("Khai mạc", "Start"),
        ObligationKind.End => T("Kết thúc, báo cáo", "End and report"),
        _ => kind.ToString(),
    };

    /// <summary>An obligation's state in words.</summary>
    public string State(string state) => state switch
    {
        "done" => T("Đã xong", "Done"),
        "due" => T("Đến hạn", "Due"),
        "late" => T("Trễ hạn", "Late"),
        "upcoming" => T("Sắp tới", "Upcoming"),
        "cancelled" => T("Hủy", "Cancelled"),
        _ => state,
    };
}
