using Hntt.App.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Site;

/// <summary>A room's logbook, each session (TH Art. 4.3).</summary>
public sealed class LogbookModel(ApiClient api) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string SiteId { get; set; } = string.Empty;

    public IReadOnlyList<LogbookEntry> Entries { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        ApiResult<List<LogbookEntry>> entries = await api.GetAsync<List<LogbookEntry>>($"api/sites/{Uri.EscapeDataString(SiteId)}/logbook");
        Entries = entries.Value ?? [];
        Error = entries.Ok ? null : entries.Problem;
    }
}
