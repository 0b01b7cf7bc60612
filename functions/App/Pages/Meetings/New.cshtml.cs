using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Web;
using Hntt.Domain.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Meetings;

/// <summary>The request form: posted to the API as it stands, its answers shown beside the fields.</summary>
public sealed class NewMeetingModel(ApiClient api, TimeProvider time) : PageModel
{
    /// <summary>The API fields this form shows beside an input; any other error goes to the banner.</summary>
    public static readonly string[] FormFields = ["hostUnitId", "title", "localStart", "localEnd", "sites", "sites.siteIds", "sites.allCommunesOf", "chairSiteId", "scriptUrl", "documentUrls"];

    [BindProperty] public string? HostUnitId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string Kind { get; set; } = "Planned";
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Start { get; set; } = "08:00";
    [BindProperty] public string? End { get; set; } = "11:00";
    [BindProperty] public bool AllDistricts { get; set; }
    [BindProperty] public List<string> SiteIds { get; set; } = [];
    [BindProperty] public List<string> AllCommunesOf { get; set; } = [];
    [BindProperty] public string? ScriptUrl { get; set; }
    [BindProperty] public string? Documents { get; set; }

    public IReadOnlyList<Unit> HostUnits { get; private set; } = [];

    public IReadOnlyList<Domain.Registry.Site> Districts { get; private set; } = [];

    public ApiResult<JsonElement>? Result { get; private set; }

    public async Task OnGetAsync() => await LoadChoicesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new Dictionary<string, object?>
        {
            ["hostUnitId"] = HostUnitId ?? string.Empty,
            ["title"] = Title ?? string.Empty,
            ["kind"] = Kind,
            ["localStart"] = $"{Date}T{Start}:00",
            ["localEnd"] = $"{Date}T{End}:00",
            ["sites"] = new { siteIds = SiteIds, allDistricts = AllDistricts, allCommunesOf = AllCommunesOf },
            ["scriptUrl"] = string.IsNullOrWhiteSpace(ScriptUrl) ? null : ScriptUrl.Trim(),
            ["documentUrls"] = (Documents ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        Result = await api.PostAsync<JsonElement>("api/meetings", request);
        if (Result.Ok)
        {
            return Redirect($"/meetings/{Uri.EscapeDataString(Result.Value.GetProperty("id").GetString()!)}");
        }

        await LoadChoicesAsync();
        return Page();
    }

    async Task LoadChoicesAsync()
    {
        var caller = new Caller(User);
        IReadOnlyList<Unit> units = (await api.GetAsync<List<Unit>>("api/registry/units")).Value ?? [];
        HostUnits = [.. units.Where(u => u.Kind is not (UnitKind.District or UnitKind.Commune or UnitKind.Telecom or UnitKind.PowerCompany) && caller.MayHost(u.Id))];
        Districts = (await api.GetAsync<List<Domain.Registry.Site>>("api/registry/sites?level=District")).Value ?? [];
        Date ??= Domain.Meetings.VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).Date.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
