using Hntt.App.Api.Audit;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Ops;

/// <summary>The audit log, newest first, for one user or all.</summary>
public sealed class AuditModel(ApiClient api) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        ApiResult<List<AuditEntry>> result = await api.GetAsync<List<AuditEntry>>("api/audit?top=300" + (string.IsNullOrWhiteSpace(UserFilter) ? string.Empty : $"&user={Uri.EscapeDataString(UserFilter)}"));
        Entries = result.Value ?? [];
        Error = result.Ok ? null : result.Problem;
    }
}
