using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>What each obligation is called, in Vietnamese and English: the pages, the notices and the report say it the same way.</summary>
public static class ObligationNames
{
    /// <summary>The obligation's name.</summary>
    public static (string Vietnamese, string English) Of(ObligationKind kind) => kind switch
    {
        ObligationKind.SendDetails => ("Gửi thông tin hội nghị, đề nghị cử kỹ thuật viên", "Send the details, ask for technicians"),
        ObligationKind.NotifyDic => ("Thông báo Sở TT&TT", "Notify DIC"),
        ObligationKind.NotifyTelecomAndPower => ("Đề nghị bảo đảm đường truyền và điện", "Ask telecom and power to assure lines"),
        ObligationKind.EmergencyNotices => ("Thông báo khẩn (điện thoại, fax, e-mail)", "Emergency notices (phone, fax, e-mail)"),
        ObligationKind.ConnectionPlan => ("Lập phương án kết nối", "Plan the connection"),
        ObligationKind.FirstTestCall => ("Thử kết nối trước 1 ngày", "Test call one day before"),
        ObligationKind.FirstTestReminder => ("Nhắc điểm cầu chưa thử", "Remind rooms not yet tested"),
        ObligationKind.FirstTestEscalation => ("Báo cáo điểm cầu chưa thử", "Escalate rooms not tested"),
        ObligationKind.RehearsalAndCascade => ("Tổng duyệt, nối tầng MCU", "Rehearsal, cascade the MCUs"),
        ObligationKind.SecondTestCall => ("Thử kết nối trước 1 giờ", "Test call one hour before"),
        ObligationKind.SecondTestReminder => ("Nhắc thử lần 2", "Remind the second test"),
        ObligationKind.SecondTestEscalation => ("Báo cáo chưa thử lần 2", "Escalate the second test"),
        ObligationKind.ReadyCheck => ("Kiểm tra sẵn sàng trước 30 phút", "Ready check 30 minutes before"),
        ObligationKind.Start => ("Khai mạc", "Start"),
        ObligationKind.End => ("Kết thúc, báo cáo", "End and report"),
        ObligationKind.RehearsalReminder => ("Nhắc điểm cầu chưa tổng duyệt", "Remind rooms not yet rehearsed"),
        ObligationKind.RehearsalEscalation => ("Báo cáo điểm cầu chưa tổng duyệt", "Escalate rooms not rehearsed"),
        _ => (kind.ToString(), kind.ToString()),
    };
}
