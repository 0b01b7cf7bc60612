using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Hntt.App;
using Hntt.App.Api.Security;
using Hntt.App.Notices;
using Hntt.Domain.Meetings;
using Hntt.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Bench;

/// <summary>
/// The API as a coordinator meets it, over HTTP with a token: submit (validated against the registry and bookings,
/// the directory written, the orchestration scheduled, the audit appended), read one meeting, list a month.
/// </summary>
internal static class ApiBench
{
    public static async Task<(double[] Submit, double[] Get, double[] List)> RunAsync(string storage, int meetings)
    {
        int port = FreePorts.Take(1)[0];
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        WebApplication app = ServiceApp.Build([], builder =>
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["extensions:durableTask:hubName"] = "api",
                ["Auth:SigningKey"] = key,
                ["Api:RateLimits:SubmitPerMinute"] = "100000",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<INoticeSender>(new RecordingNoticeSender(TimeProvider.System));
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokens.Create(new AuthOptions { SigningKey = key }, Roles.Coordinator, ["th-ubnd"], TimeProvider.System));
        string[] districts = ["th-d-nga-son", "th-d-ha-trung", "th-d-vinh-loc", "th-d-hau-loc"];
        DateTime today = VietnamTime.ToLocal(DateTime.UtcNow).Date;

        var ids = new List<string>();
        double[] submit = await TimeEachAsync(meetings, async i =>
        {
            DateTime start = today.AddDays(3 + i / 4).AddHours(7 + 3 * (i % 4));
            using HttpResponseMessage response = await http.PostAsJsonAsync("api/meetings", new
            {
                hostUnitId = "th-ubnd", title = $"Hội nghị {i}", kind = "Planned",
                localStart = start.ToString("s", CultureInfo.InvariantCulture), localEnd = start.AddHours(2).ToString("s", CultureInfo.InvariantCulture),
                sites = new { siteIds = new[] { districts[i % districts.Length] } },
            });
            response.EnsureSuccessStatusCode();
            ids.Add(response.Headers.Location!.Segments[^1]);
        });
        double[] get = await TimeEachAsync(meetings, async i => (await http.GetAsync($"api/meetings/{ids[i]}")).EnsureSuccessStatusCode());
        string from = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = today.AddDays(31).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        double[] list = await TimeEachAsync(50, async _ => (await http.GetAsync($"api/meetings?from={from}&to={to}&top=50")).EnsureSuccessStatusCode());
        await app.StopAsync();
        await app.DisposeAsync();
        return (submit, get, list);
    }

    static async Task<double[]> TimeEachAsync(int count, Func<int, Task> request)
    {
        var ms = new double[count];
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await request(i);
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return ms;
    }
}
