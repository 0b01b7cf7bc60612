using Hntt.App.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Hntt.Domain.Meetings;

namespace Hntt.App.Pages.Site;

/// <summary>A room's logbook, each session (TH Art. 4.3).</summary>
public sealed class LogbookModel(ApiClient api) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string SiteId { get; set; } = string.Empty;

    public IReadOnlyList<LogbookEntry> Entries { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The room's name (its id until the registry answers).</summary>
    public string SiteName { get; private set; } = string.Empty;

    public async Task OnGetAsync()
    {
        string site = Uri.EscapeDataString(SiteId);
        Task<ApiResult<List<LogbookEntry>>> reading = api.GetAsync<List<LogbookEntry>>($"api/sites/{site}/logbook");
        SiteName = (await api.GetAsync<Api.Registry.SiteDetails>($"api/registry/sites/{site}")).Value?.Site.Name ?? SiteId;
        ApiResult<List<LogbookEntry>> entries = await reading;
        Entries = entries.Value ?? [];
        Error = entries.Ok ? null : entries.Problem;
    }
}
