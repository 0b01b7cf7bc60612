using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Web;

/// <summary>
/// A page that shows something from the API and acts on it: after an action it shows the page again with what
/// happened — the done message, or the API's problem with its status code and the errors by field.
/// </summary>
public abstract class ApiPageModel : PageModel
{
    /// <summary>What the last action did, or why it failed.</summary>
    public string? Message { get; protected set; }

    /// <summary>The last action or read failed.</summary>
    public bool Failed { get; protected set; }

    /// <summary>The API's errors by field for the last action.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Loads what the page shows.</summary>
    public abstract Task OnGetAsync();

    /// <summary>Shows a read that failed: its problem and status code.</summary>
    protected void ShowFailure<T>(ApiResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        (Message, Failed, Response.StatusCode) = (result.Problem, true, (int)result.Status);
    }

    /// <summary>Reads from the API; on a refusal shows it (problem and status code) and returns the default.</summary>
    protected async Task<T?> ReadAsync<T>(ApiClient api, string path)
    {
        ArgumentNullException.ThrowIfNull(api);
        ApiResult<T> result = await api.GetAsync<T>(path);
        if (!result.Ok)
        {
            ShowFailure(result);
        }

        return result.Value;
    }

    /// <summary>Runs an action through the API, loads the page again and says how it went.</summary>
    protected async Task ActAsync(Task<ApiResult<JsonElement>> action, string done)
    {
        ArgumentNullException.ThrowIfNull(action);
        ApiResult<JsonElement> result = await action;
        await OnGetAsync();
        (Message, Failed, Errors) = (result.Ok ? done : result.Problem, !result.Ok, result.Errors);
        if (!result.Ok)
        {
            Response.StatusCode = (int)result.Status;
        }
    }

    /// <summary>Refuses an action whose confirmation was not ticked.</summary>
    protected async Task RefuseAsync(string why)
    {
        await OnGetAsync();
        (Message, Failed, Response.StatusCode) = (why, true, StatusCodes.Status400BadRequest);
    }
}
