using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.Bench;

/// <summary>
/// The two pages people watch during a meeting, for a meeting of 500 rooms: the coordinator's meeting page (timeline,
/// readiness matrix, notices) and the chair room's board (50 speaking requests, 20 incidents). Each load is the whole
/// HTML over HTTP with the sign-in cookie, as a browser fetches it; the page's own calls to the API are inside it.
/// </summary>
internal static class PageBench
{
    public static async Task<(double[] Meeting, double[] Chair)> RunAsync(AzuriteServer azurite, int sites, int loads)
    {
        await using ApiHost host = await ApiHost.StartAsync(azurite, "pages");
        RegistryData national = RegistrySeeds.National(sites + 1);
        await host.Services.GetRequiredService<IRegistry>().LoadAsync(national, default);
        string[] rooms = [.. national.Sites.Where(s => s.Id != "gov-room").Select(s => s.Id)];

        using HttpClient coordinator = host.As(Roles.Coordinator, "gov");
        DateTime start = VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(3).AddHours(8);
        string id = await coordinator.SubmitAsync(new
        {
            hostUnitId = "gov", title = "Hội nghị trực tuyến 500 điểm cầu", kind = "Planned",
            localStart = start.ToString("s", CultureInfo.InvariantCulture), localEnd = start.AddHours(3).ToString("s", CultureInfo.InvariantCulture),
            sites = new { siteIds = rooms },
        });
        await coordinator.PhaseAsync(id, "Preparing");
        for (int i = 0; i < 50; i++)
        {
            using HttpClient technician = host.As(Roles.Technician, rooms[i]);
            (await technician.PostAsJsonAsync($"api/meetings/{id}/sites/{rooms[i]}/speaking-requests", new { topic = $"Ý kiến {i}" })).EnsureSuccessStatusCode();
            if (i < 20)
            {
                (await technician.PostAsJsonAsync($"api/meetings/{id}/sites/{rooms[i]}/incidents", new { kind = "DegradedAudio", description = $"Sự cố {i}" })).EnsureSuccessStatusCode();
            }
        }

        using HttpClient coordinatorPages = await host.PagesAsAsync(Roles.Coordinator, "gov");
        using HttpClient chairPages = await host.PagesAsAsync(Roles.Technician, "gov-room");
        double[] meeting = await TimeLoadsAsync(coordinatorPages, $"meetings/{id}", loads, html => Regex.Count(html, "<tr data-site=") >= 500); // the whole matrix
        double[] chair = await TimeLoadsAsync(chairPages, $"chair/{id}", loads, html => html.Contains("Ý kiến 49", StringComparison.Ordinal)); // the whole queue
        return (meeting, chair);
    }

    static async Task<double[]> TimeLoadsAsync(HttpClient client, string path, int loads, Func<string, bool> showsItAll)
    {
        // The first load compiles the page's view (a deploy's warm-up, not what a user waits for) and proves the page shows it all.
        string first = await (await client.GetAsync(path)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        if (!showsItAll(first))
        {
            throw new InvalidOperationException($"/{path} does not show the whole meeting: the bench would time the wrong page.");
        }

        var ms = new double[loads];
        for (int i = 0; i < loads; i++)
        {
            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await client.GetAsync(path);
            await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(ms);
        return ms;
    }
}
