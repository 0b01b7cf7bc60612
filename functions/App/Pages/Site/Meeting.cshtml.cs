using System.Text.Json;
using Hntt.App.Api.Meetings;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Hntt.Domain.Meetings;

namespace Hntt.App.Pages.Site;

/// <summary>One meeting for a technician: one tap per report (TH Art. 11.1, SL II.1 steps 5–7), the floor, incidents.</summary>
public sealed class SiteMeetingModel(ApiClient api, Text text) : ApiPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public MeetingDetails? Details { get; private set; }

    public IReadOnlyList<SiteReadiness> MySites { get; private set; } = [];

    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    string Path => $"api/meetings/{Uri.EscapeDataString(Id)}";

    public override async Task OnGetAsync()
    {
        Details = await ReadAsync<MeetingDetails>(api, $"{Path}?siteTop=1000");
        if (Details is null)
        {
            return;
        }

        var caller = new Caller(User);
        MySites = [.. Details.Sites.Where(s => caller.Sites.Contains(s.SiteId))];
        Incidents = (await api.GetAsync<List<Incident>>($"{Path}/chair/incidents")).Value ?? [];
    }

    string Site(string siteId) => $"{Path}/sites/{Uri.EscapeDataString(siteId)}";

    public Task OnPostTestAsync(string siteId, string stage, bool passed) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/tests/{stage}", new { audio = passed, video = passed }), text.T("Đã báo kết quả thử.", "Test result reported."));

    public Task OnPostRehearsalAsync(string siteId, bool audio, bool video, bool presentation, bool? slaveLayout) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/rehearsal", new { audio, video, presentation, slaveLayout }), text.T("Đã ghi kết quả tổng duyệt.", "Rehearsal recorded."));

    public Task OnPostReadyAsync(string siteId) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/readiness", new { }), text.T("Đã xác nhận sẵn sàng.", "Readiness confirmed."));

    public Task OnPostSpeakAsync(string siteId) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/speaking-requests", new { }), text.T("Đã gửi yêu cầu phát biểu.", "Asked for the floor."));

    public Task OnPostIncidentAsync(string siteId, string kind, string? description) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/incidents", new { kind, description = description ?? string.Empty }), text.T("Đã báo sự cố tới VP UBND tỉnh và Sở TT&TT.", "Incident reported to PPC Office and DIC."));

    public Task OnPostResolveAsync(string siteId, string incidentId, string? resolution) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/incidents/{Uri.EscapeDataString(incidentId)}/resolve", new { resolution = resolution ?? string.Empty }), text.T("Đã ghi nhận khắc phục.", "Resolution recorded."));

    public Task OnPostEvaluateAsync(string siteId, string quality) =>
        ActAsync(api.PostAsync<JsonElement>($"{Site(siteId)}/evaluation", new { quality }), text.T("Đã ký sổ nhật ký.", "Logbook signed."));
}
