using Hntt.App.Api.Runtime;
using Hntt.App.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages.Ops;

/// <summary>Orchestration instances by status, name, created range and id prefix, refreshing itself.</summary>
public sealed class OpsModel(ApiClient api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Prefix { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool Refresh { get; set; }
    [BindProperty(SupportsGet = true, Name = "next")] public string? Continue { get; set; }

    public IReadOnlyList<InstanceStatus> Instances { get; private set; } = [];

    public string? Next { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var query = new List<string> { "top=50" };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("runtimeStatus", Status);
        Add("name", Name);
        Add("instanceIdPrefix", Prefix);
        Add("createdTimeFrom", string.IsNullOrEmpty(From) ? null : From + "Z");
        Add("createdTimeTo", string.IsNullOrEmpty(To) ? null : To + "Z");
        ApiResult<List<InstanceStatus>> result = await api.SendAsync<List<InstanceStatus>>(HttpMethod.Get, $"runtime/instances?{string.Join('&', query)}", null, Continue);
        Instances = result.Value ?? [];
        Next = result.Continuation;
        Error = result.Ok ? null : $"{result.Problem} {string.Join(" ", result.Errors.Values)}";
    }

    /// <summary>This page with the same filters, one page on.</summary>
    public string NextLink(string token) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status, ["name"] = Name, ["prefix"] = Prefix, ["from"] = From, ["to"] = To, ["refresh"] = Refresh ? "true" : null, ["next"] = token,
    }.Where(p => p.Value is not null)).ToString();
}
