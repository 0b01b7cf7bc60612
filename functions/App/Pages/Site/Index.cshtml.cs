using Hntt.App.Api.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Site;

/// <summary>A technician's start page: the coming meetings their rooms take part in.</summary>
public sealed class SiteHomeModel(ApiClient api, TimeProvider time) : PageModel
{
    public IReadOnlyList<MeetingListItem> Meetings { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        DateTime today = Domain.Meetings.VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).Date;
        ApiResult<MeetingPage> page = await api.GetAsync<MeetingPage>($"api/meetings?from={today:yyyy-MM-dd}&to={today.AddDays(60):yyyy-MM-dd}&top=100");
        Meetings = [.. (page.Value?.Items ?? []).Where(m => m.Phase is not ("Cancelled" or "Rejected" or "Done"))];
        Error = page.Ok ? null : page.Problem;
    }
}
