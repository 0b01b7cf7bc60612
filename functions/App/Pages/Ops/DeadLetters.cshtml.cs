using System.Text.Json;
using Hntt.App.Web;
using Hntt.Durable.Client;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Ops;

/// <summary>Messages the runtime could not deliver, and their replay.</summary>
public sealed class DeadLettersModel(ApiClient api, Text text) : PageModel
{
    public IReadOnlyList<DeadLetterInfo> Letters { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task OnGetAsync() => Letters = (await api.GetAsync<List<DeadLetterInfo>>("runtime/deadletters")).Value ?? [];

    public async Task OnPostAsync(string id, string? confirm)
    {
        ApiResult<JsonElement>? result = confirm == "yes" ? await api.PostAsync<JsonElement>($"runtime/deadletters/{Uri.EscapeDataString(id)}/replay") : null;
        await OnGetAsync();
        (Message, Failed) = result is { Ok: true } ? (text.T("Đã gửi lại.", "Replayed."), false) : (result?.Problem ?? text.T("Hãy đánh dấu xác nhận.", "Tick the confirmation."), true);
    }
}
