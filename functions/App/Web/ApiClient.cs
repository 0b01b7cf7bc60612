using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hntt.App.Web;

/// <summary>What the API answered: the value, or the problem with its errors by field.</summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, string? Problem, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>The next page's token (<c>x-ms-continuation-token</c>), when the API sent one.</summary>
    public string? Continuation { get; init; }

    /// <summary>A 2xx answer.</summary>
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>The message for a field, if the API named it.</summary>
    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}

/// <summary>
/// The pages are built on the API: each call goes to the API over HTTP with the signed-in user's token — this
/// host's own endpoints on loopback, or <c>Web:ApiBaseUrl</c> where the pages run as their own web app — so a page
/// can do exactly what its user could do with the API, checked the same way.
/// </summary>
public sealed class ApiClient(HttpClient http, IHttpContextAccessor context, IServer server, IConfiguration configuration)
{
    /// <summary>JSON as the API writes it.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>GETs a resource.</summary>
    public Task<ApiResult<T>> GetAsync<T>(string path) => SendAsync<T>(HttpMethod.Get, path, null);

    /// <summary>GETs a file (a report's document) as the signed-in user: its bytes and media type, or null and the status when refused.</summary>
    public async Task<(HttpStatusCode Status, byte[]? Bytes, string? ContentType)> GetFileAsync(string path)
    {
        HttpContext page = context.HttpContext ?? throw new InvalidOperationException("ApiClient serves page requests only.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress(), path));
        if (await page.GetTokenAsync("access_token") is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await http.SendAsync(request, page.RequestAborted);
        return response.IsSuccessStatusCode
            ? (response.StatusCode, await response.Content.ReadAsByteArrayAsync(page.RequestAborted), response.Content.Headers.ContentType?.MediaType)
            : (response.StatusCode, null, null);
    }

    /// <summary>POSTs a JSON body (or none).</summary>
    public Task<ApiResult<T>> PostAsync<T>(string path, object? body = null) => SendAsync<T>(HttpMethod.Post, path, body);

    /// <summary>Sends a request as the signed-in user.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? continuation = null)
    {
        HttpContext page = context.HttpContext ?? throw new InvalidOperationException("ApiClient serves page requests only.");
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress(), path));
        if (await page.GetTokenAsync("access_token") is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (continuation is not null)
        {
            request.Headers.Add("x-ms-continuation-token", continuation);
        }

        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body, body.GetType(), options: Json);
        }

        using HttpResponseMessage response = await http.SendAsync(request, page.RequestAborted);
        string text = await response.Content.ReadAsStringAsync(page.RequestAborted);
        if (response.IsSuccessStatusCode)
        {
            T? value = text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, Json);
            return new ApiResult<T>(response.StatusCode, value, null, new Dictionary<string, string>())
            {
                Continuation = response.Headers.TryGetValues("x-ms-continuation-token", out var next) ? next.FirstOrDefault() : null,
            };
        }

        var errors = new Dictionary<string, string>();
        string? problem = null;
        if (text.StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(text);
            problem = doc.RootElement.TryGetProperty("detail", out JsonElement d) ? d.GetString() : doc.RootElement.TryGetProperty("title", out JsonElement t) ? t.GetString() : null;
            if (doc.RootElement.TryGetProperty("errors", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement e in list.EnumerateArray())
                {
                    string field = e.GetProperty("field").GetString() ?? "body";
                    errors[field] = errors.TryGetValue(field, out string? earlier) ? $"{earlier} {e.GetProperty("message").GetString()}" : e.GetProperty("message").GetString() ?? string.Empty;
                }
            }
        }

        return new ApiResult<T>(response.StatusCode, default, problem ?? response.ReasonPhrase, errors);
    }

    // Where the API is: Web:ApiBaseUrl when the pages run apart from it; otherwise this host's own first address, on
    // loopback when it listens on every interface, so the call never leaves the machine.
    Uri BaseAddress()
    {
        if (configuration["Web:ApiBaseUrl"] is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }

        string address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens on no address: set Web:ApiBaseUrl.");
        BindingAddress binding = BindingAddress.Parse(address);
        string host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" ? "127.0.0.1" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port, binding.PathBase + "/").Uri;
    }
}
