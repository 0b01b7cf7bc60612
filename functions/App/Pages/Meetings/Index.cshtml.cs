using System.Globalization;
using Hntt.App.Api.Meetings;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Meetings;

/// <summary>The meetings the user may see, a month at a time, as a list or a calendar.</summary>
public sealed class MeetingsModel(ApiClient api, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public bool Calendar => View == "calendar";

    public DateTime Month { get; private set; }

    public IReadOnlyList<MeetingListItem> Meetings { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        DateTime today = Domain.Meetings.VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime);
        Month = DateTime.TryParseExact(MonthText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime m) ? m : new DateTime(today.Year, today.Month, 1);
        string query = $"api/meetings?from={Month:yyyy-MM-dd}&to={Month.AddMonths(1):yyyy-MM-dd}&top=200" + (string.IsNullOrEmpty(Status) ? string.Empty : $"&status={Uri.EscapeDataString(Status)}");
        ApiResult<MeetingPage> page = await api.GetAsync<MeetingPage>(query);
        Meetings = page.Value?.Items ?? [];
        Error = page.Ok ? null : page.Problem;
    }
}
