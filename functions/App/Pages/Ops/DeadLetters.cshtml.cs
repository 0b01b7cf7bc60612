using System.Text.Json;
using Hntt.App.Web;
using Hntt.Durable.Client;

namespace Hntt.App.Pages.Ops;

/// <summary>Messages the runtime could not deliver, and their replay.</summary>
public sealed class DeadLettersModel(ApiClient api, Text text) : ApiPageModel
{
    public IReadOnlyList<DeadLetterInfo> Letters { get; private set; } = [];

    public override async Task OnGetAsync() => Letters = (await api.GetAsync<List<DeadLetterInfo>>("runtime/deadletters")).Value ?? [];

    public Task OnPostAsync(string id, string? confirm) => confirm == "yes"
        ? ActAsync(api.PostAsync<JsonElement>($"runtime/deadletters/{Uri.EscapeDataString(id)}/replay"), text.T("Đã gửi lại.", "Replayed."))
        : RefuseAsync(text.T("Hãy đánh dấu xác nhận.", "Tick the confirmation."));
}
