using System.Text.Json;
using Hntt.App.Api.Meetings;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Hntt.Domain.Meetings;

namespace Hntt.App.Pages.Chair;

/// <summary>The chair-site technician's live board: the floor in order, "bring to chair" with its time, incidents.</summary>
public sealed class ChairBoardModel(ApiClient api, Text text) : ApiPageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public MeetingDetails? Details { get; private set; }

    public IReadOnlyList<SpeakingRequest> Queue { get; private set; } = [];

    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    /// <summary>The user drives the chair (its room's technician, ops, admin).</summary>
    public bool Drives { get; private set; }

    string Path => $"api/meetings/{Uri.EscapeDataString(Id)}";

    public override async Task OnGetAsync()
    {
        Details = await ReadAsync<MeetingDetails>(api, $"{Path}?siteTop=1000");
        if (Details is null)
        {
            return;
        }

        Drives = new Caller(User).MayOperate(Details.Meeting.ChairSiteId ?? string.Empty);
        Queue = (await api.GetAsync<List<SpeakingRequest>>($"{Path}/chair/speaking-requests")).Value ?? [];
        Incidents = (await api.GetAsync<List<Incident>>($"{Path}/chair/incidents")).Value ?? [];
    }

    public Task OnPostGrantAsync(string siteId) =>
        ActAsync(api.PostAsync<JsonElement>($"{Path}/chair/speaking-requests/{Uri.EscapeDataString(siteId)}/grant"), text.T($"Đã cho {siteId} phát biểu.", $"{siteId} has the floor."));

    public Task OnPostBringAsync(string siteId) =>
        ActAsync(api.PostAsync<JsonElement>($"{Path}/chair/bring-to-chair", new { siteId }), text.T($"Đang đưa {siteId} lên màn hình chủ tọa.", $"Bringing {siteId} to the chair."));
}
