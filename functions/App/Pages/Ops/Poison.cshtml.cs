using Hntt.App.Web;
using Hntt.TaskHub;

namespace Hntt.App.Pages.Ops;

/// <summary>The queue messages the Azure Storage provider keeps failing to process, and what ops can do about them.</summary>
public sealed class PoisonModel(ApiClient api) : ApiPageModel
{
    public IReadOnlyList<PoisonMessage> Messages { get; private set; } = [];

    public override async Task OnGetAsync() => Messages = (await api.GetAsync<List<PoisonMessage>>("runtime/poison")).Value ?? [];
}
