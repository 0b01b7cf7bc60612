using System.Text.Json;
using System.Text.Json.Nodes;
using Hntt.App.Api.Audit;
using Hntt.App.Api.Runtime;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;

namespace Hntt.App.Pages.Ops;

/// <summary>One row of the merged timeline: a history event, or an audited request that touched the instance.</summary>
public sealed record TimelineRow(DateTime AtUtc, string Event, string Details);

/// <summary>
/// One orchestration instance: its custom status, its history as a timeline merged with the audited requests that
/// touched it (a technician's readiness confirmation is one), input and output only on demand, and the controls.
/// </summary>
public sealed class InstanceModel(ApiClient api, Text text) : ApiPageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public InstanceStatus? Instance { get; private set; }

    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public string HistoryJson { get; private set; } = string.Empty;

    public bool ShowInput => Show == "input";

    public bool ShowOutput => Show == "output";

    public bool Json => Format == "json";

    string Path => $"runtime/instances/{Uri.EscapeDataString(Id)}";

    public override async Task OnGetAsync()
    {
        Instance = await ReadAsync<InstanceStatus>(api, $"{Path}?showHistory=true&showInput={ShowInput}&showOutput={ShowOutput}");
        if (Instance is null)
        {
            return;
        }

        IReadOnlyList<JsonNode> history = Instance.HistoryEvents ?? [];
        HistoryJson = new JsonArray([.. history.Select(e => e.DeepClone())]).ToJsonString(Indented);
        var rows = history.Select(e => new TimelineRow(e["timestamp"]?.GetValue<DateTime>() ?? default, e["eventType"]?.GetValue<string>() ?? "?",
            string.Join(", ", e.AsObject().Where(p => p.Key is not ("eventType" or "timestamp")).Select(p => $"{p.Key}: {p.Value?.ToJsonString()}")))).ToList();
        string from = Instance.CreatedTime.UtcDateTime.AddMinutes(-1).ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        ApiResult<List<AuditEntry>> audit = await api.GetAsync<List<AuditEntry>>($"api/audit?target={Uri.EscapeDataString($"/api/meetings/{Id}/")}&from={Uri.EscapeDataString(from)}&top=500");
        rows.AddRange((audit.Value ?? []).Select(a => new TimelineRow(a.AtUtc, text.T("Yêu cầu", "Request") + $" {a.Method} {a.Target[($"/api/meetings/{Id}").Length..]}",
            $"{a.User} ({string.Join(",", a.Roles)}) → {a.Status} {a.Outcome}")));
        Timeline = [.. rows.OrderBy(r => r.AtUtc)];
    }

    public async Task OnPostRaiseAsync(string eventName, string? payload, string? confirm)
    {
        if (confirm != "yes")
        {
            await RefuseAsync(text.T("Hãy đánh dấu xác nhận trước khi thực hiện.", "Tick the confirmation first."));
            return;
        }

        await ActAsync(api.PostAsync<JsonElement>($"{Path}/raiseEvent/{Uri.EscapeDataString(eventName)}",
            new StringContent(string.IsNullOrWhiteSpace(payload) ? "null" : payload, System.Text.Encoding.UTF8, "application/json")), text.T("Đã gửi sự kiện.", "Event raised."));
    }

    public async Task OnPostActAsync(string action, string? reason, string? confirm)
    {
        if (confirm != "yes" || action is not ("terminate" or "suspend" or "resume" or "restart" or "purge"))
        {
            await RefuseAsync(text.T("Hãy đánh dấu xác nhận trước khi thực hiện.", "Tick the confirmation first."));
            return;
        }

        string query = string.IsNullOrWhiteSpace(reason) ? string.Empty : $"?reason={Uri.EscapeDataString(reason)}";
        await ActAsync(action == "purge" ? api.SendAsync<JsonElement>(HttpMethod.Delete, Path, null) : api.PostAsync<JsonElement>($"{Path}/{action}{query}"),
            text.T($"Đã thực hiện: {action}.", $"Done: {action}."));
    }
}
