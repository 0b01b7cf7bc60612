using System.Globalization;
using Hntt.App.Notices;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>The Vietnamese subject and the one thing to do, per notice kind. Times are local, with the weekday.</summary>
internal static class NoticeTexts
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string When(DateTime utc) => VietnamTime.ToLocal(utc).ToString("HH:mm dddd, dd/MM/yyyy", Vietnamese);

    public static (string Subject, string Action) For(NoticeKind kind, MeetingSummary meeting, string? detail = null) => kind switch
    {
        NoticeKind.Details => ($"[HNTT] {meeting.Title} — {When(meeting.StartUtc)}", "Cử cán bộ kỹ thuật và kiểm thử kết nối theo lịch."),
        NoticeKind.DicNotice => ($"[HNTT] Kế hoạch hội nghị: {meeting.Title}", "Chuẩn bị hệ thống trung tâm và MCU." + (meeting.LateNotice is { } late ? " " + late : string.Empty)),
        NoticeKind.TelecomAndPowerNotice => ($"[HNTT] Bảo đảm đường truyền và nguồn điện: {meeting.Title}", $"Bảo đảm đường truyền và nguồn điện từ trước {When(meeting.StartUtc)}."),
        NoticeKind.EmergencyNotice => ($"[KHẨN] Hội nghị trực tuyến khẩn: {meeting.Title}", $"Bảo đảm hệ thống, đường truyền và nguồn điện ngay; hội nghị bắt đầu {When(meeting.StartUtc)}."),
        NoticeKind.TestCallRequest => ($"[HNTT] Kiểm thử kết nối: {meeting.Title}", $"Chạy thử âm thanh, hình ảnh với điểm cầu chủ tọa và báo kết quả ({detail})."),
        NoticeKind.Reminder => ($"[HNTT] Nhắc: chưa có kết quả {detail} — {meeting.Title}", $"Báo kết quả ngay ({detail})."),
        NoticeKind.Escalation => ($"[HNTT] Điểm cầu chưa sẵn sàng — {meeting.Title}", $"Chỉ đạo cán bộ kỹ thuật thực hiện và báo kết quả ngay ({detail})."),
        NoticeKind.SitesAtRisk => ($"[HNTT] Danh sách điểm cầu chưa sẵn sàng — {meeting.Title}", $"Xử lý các điểm cầu: {detail}."),
        NoticeKind.Reschedule => ($"[HNTT] Thay đổi thời gian: {meeting.Title}", $"Hội nghị chuyển sang {When(meeting.StartUtc)}; kiểm thử lại theo lịch mới. {detail}".TrimEnd()),
        NoticeKind.Cancellation => ($"[HNTT] Hủy hội nghị: {meeting.Title}", $"Hội nghị {When(meeting.StartUtc)} đã hủy. {detail}"),
        NoticeKind.EvaluationRequest => ($"[HNTT] Đánh giá chất lượng: {meeting.Title}", "Đánh giá chất lượng phiên hội nghị và ghi sổ biên bản."),
        NoticeKind.MeetingReport => ($"[HNTT] Báo cáo hội nghị: {meeting.Title}", detail ?? string.Empty),
        _ => ($"[HNTT] {meeting.Title}", detail ?? string.Empty),
    };
}
