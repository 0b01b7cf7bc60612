using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hntt.App;
using Hntt.App.Api.Security;
using Hntt.App.Notices;
using Hntt.App.Timers;
using Hntt.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hntt.Testing.Service;

/// <summary>The service started on a free port over a real Azurite, with its own task hub and signing key; notices are recorded.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    readonly WebApplication app;
    readonly AuthOptions auth;

    ApiHost(WebApplication app, AuthOptions auth, RecordingNoticeSender notices, Uri address)
    {
        this.app = app;
        this.auth = auth;
        Notices = notices;
        Address = address;
    }

    /// <summary>Where the service listens.</summary>
    public Uri Address { get; }

    /// <summary>Every notice the service sent.</summary>
    public RecordingNoticeSender Notices { get; }

    /// <summary>The service's container, to look at storage directly.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>JSON as the API writes it.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Starts a host; <paramref name="settings"/> override configuration, <paramref name="time"/> replaces the clock.</summary>
    public static async Task<ApiHost> StartAsync(AzuriteServer azurite, string hub, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var auth = new AuthOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        RecordingNoticeSender notices = new(time ?? TimeProvider.System);
        var config = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hub,
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            ["Registry:Preset"] = "ThanhHoa",
            ["Auth:SigningKey"] = auth.SigningKey,
            ["Smtp:Host"] = "127.0.0.1",
        };
        foreach (string job in ScheduledJobs.Names)
        {
            config[$"timers:schedules:{job}:disabled"] = "true"; // the timer tests turn on what they test
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        // Telemetry is chosen while services are registered, before the settings below apply: say it here.
        // "Test": not Production, which refuses the development signing key these hosts sign their callers' tokens with.
        WebApplication app = ServiceApp.Build(["--environment", "Test", "--Telemetry:Console=false"], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0"); // the system picks a free port as it binds: no other test can take it first
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<INoticeSender>(notices);
            RecordingRelayClient.StandIn(builder, time ?? TimeProvider.System);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        return new ApiHost(app, auth, notices, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    /// <summary>A client signed in with a development token for the role and scope.</summary>
    public HttpClient As(string role, params string[] scope)
    {
        HttpClient client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(auth, role, scope, TimeProvider.System));
        return client;
    }

    /// <summary>A browser's view: signed in to the pages (the sign-in cookie) with a development token for the role and scope; redirects not followed.</summary>
    public async Task<HttpClient> PagesAsAsync(string role, params string[] scope)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        string form = await client.GetStringAsync("signin");
        string antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = DevTokens.Create(auth, role, scope, TimeProvider.System),
            ["__RequestVerificationToken"] = antiforgery,
        });
        using HttpResponseMessage response = await client.PostAsync("signin?handler=Token", signIn);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in to the pages as {role} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Address };

    /// <summary>A client whose token was signed with another key.</summary>
    public HttpClient Forged(string role)
    {
        HttpClient client = Anonymous();
        var other = new AuthOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Create(other, role, [], TimeProvider.System));
        return client;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Azurite and one service host for a test class.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    AzuriteServer azurite = null!;

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        Host = await ApiHost.StartAsync(azurite, "api");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await azurite.DisposeAsync();
    }
}

/// <summary>Azurite, one service host with limits out of the way, and one planned meeting: PPC-hosted, chaired from th-p-ubnd, Nga Sơn and Hà Trung taking part.</summary>
public sealed class PlannedMeetingFixture : IAsyncLifetime
{
    AzuriteServer azurite = null!;
    int submitted;

    public ApiHost Host { get; private set; } = null!;

    public string MeetingId { get; private set; } = null!;

    /// <summary>A fresh day for each further submission, so no two clash over a room.</summary>
    public int NextDay() => 40 + Interlocked.Increment(ref submitted);

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        Host = await ApiHost.StartAsync(azurite, "planned", new Dictionary<string, string?> { ["Api:RateLimits:SubmitPerMinute"] = "100000", ["Api:RateLimits:SitePerMinute"] = "100000" });
        using HttpClient ppc = Host.As(Roles.PpcOffice);
        MeetingId = await ppc.SubmitAsync(Http.Meeting(days: 3, sites: ["th-d-nga-son", "th-d-ha-trung"]));
        await ppc.PhaseAsync(MeetingId, "Preparing");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await azurite.DisposeAsync();
    }
}

/// <summary>Requests and answers as the tests use them.</summary>
public static class Http
{
    /// <summary>A meeting request for Thanh Hóa's PPC, <paramref name="days"/> days out at 08:00 local, every district.</summary>
    public static object Meeting(int days = 3, string host = "th-ubnd", string title = "Giao ban trực tuyến UBND tỉnh", string[]? sites = null)
    {
        DateTime start = Hntt.Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(days).AddHours(8);
        return new
        {
            hostUnitId = host,
            title,
            kind = "Planned",
            localStart = start.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            localEnd = start.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            sites = sites is null ? (object)new { allDistricts = true } : new { siteIds = sites },
        };
    }

    /// <summary>The JSON body of a response.</summary>
    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        string text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The problem's errors as (field, rule) pairs.</summary>
    public static async Task<IReadOnlyList<(string Field, string Rule)>> ErrorsAsync(this HttpResponseMessage response)
    {
        JsonElement body = await response.BodyAsync();
        return body.TryGetProperty("errors", out JsonElement errors)
            ? [.. errors.EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("rule").GetString()!))]
            : [];
    }

    /// <summary>Waits until the meeting's line shows the phase (its workflow has got that far).</summary>
    public static Task PhaseAsync(this HttpClient client, string meetingId, string phase) => Eventually.HoldsAsync(
        async () => (await client.GetFromJsonAsync<JsonElement>($"api/meetings/{meetingId}")).GetProperty("meeting").GetProperty("phase").GetString() == phase,
        TimeSpan.FromSeconds(30), $"meeting {meetingId} is {phase}");

    /// <summary>Submits a meeting and returns its id.</summary>
    public static async Task<string> SubmitAsync(this HttpClient client, object meeting, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/meetings") { Content = JsonContent.Create(meeting) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.BodyAsync()).GetProperty("id").GetString()!;
    }
}
