using System.Text.Json;
using Hntt.App.Api.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;

namespace Hntt.App.Pages.Meetings;

/// <summary>One meeting: timeline, readiness matrix, notices, call list; cancel and reschedule for its coordinators.</summary>
public sealed class MeetingDetailsModel(ApiClient api, Text text) : ApiPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public int? SiteSkip { get; set; }

    public MeetingDetails? Details { get; private set; }

    public IReadOnlyList<NoticeDelivery> Notices { get; private set; } = [];

    /// <summary>The user may read who was told and how (the host and the province's overseers).</summary>
    public bool SeesDeliveries { get; private set; }

    public IReadOnlyList<NoticeDelivery> CallList { get; private set; } = [];

    string Path => $"api/meetings/{Uri.EscapeDataString(Id)}";

    public override async Task OnGetAsync()
    {
        Details = await ReadAsync<MeetingDetails>(api, $"{Path}?siteSkip={SiteSkip ?? 0}&siteTop=500");
        if (Details is null)
        {
            return;
        }

        ApiResult<List<NoticeDelivery>> notices = await api.GetAsync<List<NoticeDelivery>>($"{Path}/notices");
        SeesDeliveries = notices.Ok;
        Notices = notices.Value ?? [];
        CallList = (await api.GetAsync<List<NoticeDelivery>>($"{Path}/call-list")).Value ?? [];
    }

    public Task OnPostCancelAsync(string? reason, string? confirm) => confirm == "yes"
        ? ActAsync(api.PostAsync<JsonElement>($"{Path}/cancel", new { reason = reason ?? string.Empty }), text.T("Đã gửi yêu cầu hủy; mọi điểm cầu sẽ được báo.", "Cancellation sent; every room is told."))
        : RefuseAsync(text.T("Hãy đánh dấu xác nhận.", "Tick the confirmation."));

    public Task OnPostRescheduleAsync(string? date, string? start, string? end) =>
        ActAsync(api.PostAsync<JsonElement>($"{Path}/reschedule", new { localStart = $"{date}T{start}:00", localEnd = $"{date}T{end}:00" }),
            text.T("Đã gửi lịch mới; mọi điểm cầu sẽ được báo.", "New times sent; every room is told."));

    public Task OnPostCalledAsync(string noticeId) =>
        ActAsync(api.PostAsync<JsonElement>($"{Path}/call-list/{Uri.EscapeDataString(noticeId)}/called"), text.T("Đã đánh dấu cuộc gọi.", "Call ticked off."));
}
