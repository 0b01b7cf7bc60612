using Hntt.App.Reports;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;

namespace Hntt.App.Pages.Reports;

/// <summary>The monthly or yearly report (TH Art. 8.8, 12.2): the figures, the charts, and the Word document to sign.</summary>
public sealed class ReportsModel(ApiClient api, TimeProvider time) : ApiPageModel
{
    /// <summary>The year; this year by default.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>The month, or none for the whole year.</summary>
    [BindProperty(SupportsGet = true)] public int? Month { get; set; }

    /// <summary>The report shown.</summary>
    public NetworkReport? Report { get; private set; }

    /// <summary>Its charts.</summary>
    public IReadOnlyList<ReportChart> Charts { get; private set; } = [];

    /// <summary>The period shown: this year by default.</summary>
    ReportPeriod Period => new(Year ??= Domain.Meetings.VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).Year, Month);

    /// <summary>The query for this period.</summary>
    public string Query => $"year={Period.Year}" + (Month is { } m ? $"&month={m}" : string.Empty);

    public override async Task OnGetAsync()
    {
        Report = await ReadAsync<NetworkReport>(api, $"api/reports?{Query}");
        Charts = Report is null ? [] : ReportCharts.For(Report);
    }

    /// <summary>The Word document, fetched as the signed-in user.</summary>
    public async Task<IActionResult> OnGetDocumentAsync()
    {
        var (status, bytes, type) = await api.GetFileAsync($"api/reports/document?{Query}");
        return bytes is null ? StatusCode((int)status) : File(bytes, type ?? "application/octet-stream", Api.Reports.ReportEndpoints.FileName(Period));
    }
}
