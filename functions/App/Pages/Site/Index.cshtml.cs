using Hntt.App.Api.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Site;

/// <summary>A technician's start page: the coming meetings their rooms take part in.</summary>
public sealed class SiteHomeModel(ApiClient api, TimeProvider time) : PageModel
{
    public IReadOnlyList<MeetingListItem> Meetings { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The caller's rooms, id and name.</summary>
    public IReadOnlyList<(string Id, string Name)> Rooms { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DateTime today = Domain.Meetings.VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).Date;
        Task<ApiResult<List<Domain.Registry.Site>>> sites = api.GetAsync<List<Domain.Registry.Site>>("api/registry/sites");
        ApiResult<MeetingPage> page = await api.GetAsync<MeetingPage>($"api/meetings?from={today:yyyy-MM-dd}&to={today.AddDays(60):yyyy-MM-dd}&top=100");
        Dictionary<string, string> names = ((await sites).Value ?? []).ToDictionary(s => s.Id, s => s.Name);
        Rooms = [.. new Api.Security.Caller(User).Sites.Select(id => (id, names.GetValueOrDefault(id, id)))];
        Meetings = [.. (page.Value?.Items ?? []).Where(m => !Domain.Meetings.MeetingPhases.IsFinal(m.Phase))];
        Error = page.Ok ? null : page.Problem;
    }
}
