using System.Net.Http.Headers;
using System.Text.Json;
using Hntt.App.Api.Inspections;
using Hntt.App.Api.Security;
using Hntt.App.Web;
using Hntt.Domain.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Hntt.App.Pages.Inspections;

/// <summary>
/// Inspections of rooms (TH Art. 6.4): DIC plans them, records what they find with a photo, and closes each finding
/// when it is fixed; a technician sees their own rooms'. Where the follow-up notices send their readers.
/// </summary>
public sealed class InspectionsModel(ApiClient api, Text text) : ApiPageModel
{
    /// <summary>Only inspections with open findings.</summary>
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }

    /// <summary>The inspections shown, newest first.</summary>
    public IReadOnlyList<InspectionView> Inspections { get; private set; } = [];

    /// <summary>The rooms, to plan an inspection of one.</summary>
    public IReadOnlyList<Domain.Registry.Site> Sites { get; private set; } = [];

    /// <summary>The units a fix can be assigned to.</summary>
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    /// <summary>The caller plans and records (DIC, admin).</summary>
    public bool Manages => new Caller(User).Roles.Any(Access.RolesFor[Access.ManageInspections].Contains);

    public override async Task OnGetAsync()
    {
        Task<List<Domain.Registry.Site>?> sites = Manages ? ReadAsync<List<Domain.Registry.Site>>(api, "api/registry/sites") : Task.FromResult<List<Domain.Registry.Site>?>([]);
        Task<List<Unit>?> units = Manages ? ReadAsync<List<Unit>>(api, "api/registry/units") : Task.FromResult<List<Unit>?>([]);
        Inspections = await ReadAsync<List<InspectionView>>(api, $"api/inspections?open={(Open ? "true" : "false")}") ?? [];
        (Sites, Units) = (await sites ?? [], await units ?? []);
    }

    public Task OnPostPlanAsync(string siteId, DateTime plannedAt, bool adHoc, string? inspector) =>
        ActAsync(api.PostAsync<JsonElement>("api/inspections", new { siteId, plannedAt, adHoc, inspector = inspector ?? string.Empty }), text.T("Đã lập kế hoạch kiểm tra.", "Inspection planned."));

    public Task OnPostFindingAsync(string inspectionId, string area, string severity, string? description, string assignedUnitId, DateTime due) =>
        ActAsync(api.PostAsync<JsonElement>($"api/inspections/{Uri.EscapeDataString(inspectionId)}/findings",
            new { area, severity, description = description ?? string.Empty, assignedUnitId, due }), text.T("Đã ghi phát hiện; đơn vị sẽ được nhắc đến khi khắc phục.", "Finding recorded; the unit will be reminded until it is fixed."));

    public async Task OnPostFileAsync(string inspectionId, string findingId, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            await RefuseAsync(text.T("Chọn ảnh (JPEG, PNG) hoặc tệp PDF.", "Choose a photo (JPEG, PNG) or a PDF."));
            return;
        }

        string name = new([.. Path.GetFileName(file.FileName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);
        using var content = new StreamContent(file.OpenReadStream()) { Headers = { ContentType = new MediaTypeHeaderValue(file.ContentType) } };
        await ActAsync(api.SendAsync<JsonElement>(HttpMethod.Put, $"api/inspections/{Uri.EscapeDataString(inspectionId)}/findings/{Uri.EscapeDataString(findingId)}/files/{Uri.EscapeDataString(name)}", content),
            text.T("Đã lưu tệp.", "File kept."));
    }

    public Task OnPostCloseAsync(string inspectionId, string findingId, string? resolution) =>
        ActAsync(api.PostAsync<JsonElement>($"api/inspections/{Uri.EscapeDataString(inspectionId)}/findings/{Uri.EscapeDataString(findingId)}/close",
            new { resolution = resolution ?? string.Empty }), text.T("Đã đóng phát hiện.", "Finding closed."));

    /// <summary>A file kept with a finding, fetched as the signed-in user.</summary>
    public async Task<IActionResult> OnGetFileAsync(string inspectionId, string findingId, string name)
    {
        var (status, bytes, type) = await api.GetFileAsync($"api/inspections/{Uri.EscapeDataString(inspectionId)}/findings/{Uri.EscapeDataString(findingId)}/files/{Uri.EscapeDataString(name)}");
        return bytes is null ? StatusCode((int)status) : File(bytes, type ?? "application/octet-stream");
    }
}
