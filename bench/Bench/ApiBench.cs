using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hntt.App.Api.Security;
using Hntt.Domain.Meetings;
using Hntt.Testing;
using Hntt.Testing.Service;

namespace Hntt.Bench;

/// <summary>
/// The API as a coordinator meets it, over HTTP with a token: submit (validated against the registry and bookings,
/// the directory written, the orchestration scheduled, the audit appended), read one meeting, list a month.
/// </summary>
internal static class ApiBench
{
    public static async Task<(double[] Submit, double[] Get, double[] List)> RunAsync(AzuriteServer azurite, int meetings)
    {
        // The same host the API tests start: the service on a free port, its own hub, notices recorded.
        await using ApiHost host = await ApiHost.StartAsync(azurite, "api", new Dictionary<string, string?> { ["Api:RateLimits:SubmitPerMinute"] = "100000" });
        using HttpClient http = host.As(Roles.Coordinator, "th-ubnd");
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
