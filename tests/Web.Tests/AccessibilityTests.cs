using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.Playwright;

namespace Hntt.Web.Tests;

/// <summary>A meeting with something on every board: Nga Sơn ready, asking for the floor, an incident open.</summary>
public sealed class BusyMeetingFixture : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new();

    public string MeetingId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        using HttpClient coordinator = Browser.Host.As("coordinator", "th-ubnd");
        MeetingId = await coordinator.SubmitAsync(Http.Meeting(days: 3, sites: ["th-d-nga-son", "th-d-ha-trung"]));
        await coordinator.PhaseAsync(MeetingId, "Preparing");
        using HttpClient technician = Browser.Host.As("technician", "th-d-nga-son");
        string site = $"api/meetings/{MeetingId}/sites/th-d-nga-son";
        (await technician.PostAsJsonAsync($"{site}/readiness", new { notes = "Âm thanh, hình ảnh tốt" })).EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"{site}/speaking-requests", new { topic = "Báo cáo tình hình mưa lũ" })).EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"{site}/incidents", new { kind = "DegradedAudio", description = "Micro bàn 2 rè" })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>
/// WCAG 2.1 A and AA as axe-core checks them (tools/node_modules/axe-core, pinned), in Chromium, on every page each
/// role opens, at a desktop's and a phone's size: any serious or critical violation fails, listed with where it is.
/// </summary>
public sealed class AccessibilityTests(BusyMeetingFixture fixture) : IClassFixture<BusyMeetingFixture>
{
    static readonly string Axe = File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "node_modules", "axe-core", "axe.min.js"));

    public static TheoryData<string, bool> RolesAndSizes()
    {
        var data = new TheoryData<string, bool>();
        foreach (string user in new[] { "anonymous", "coordinator", "dic", "ppc", "technician", "chair", "ops", "admin", "auditor" })
        {
            data.Add(user, false);
            data.Add(user, true);
        }

        return data;
    }

    // What each demo user opens; {id} is the busy meeting. The 403 page and the unknown path are pages too.
    static string[] PagesOf(string user) => user switch
    {
        "anonymous" => ["signin", "khong-co-trang-nay"],
        "coordinator" => ["meetings", $"meetings?view=calendar&month={DateTime.UtcNow.AddDays(3):yyyy-MM}", "meetings/new", "meetings/{id}", "ops"],
        "dic" or "ppc" => ["meetings", "meetings/{id}", "registry", "registry?gaps=true", "reports", $"reports?year={DateTime.UtcNow.Year}&month=1", "inspections"],
        "technician" => ["site", "site/{id}", "site/logbook/th-d-nga-son", "registry?site=th-d-nga-son", "inspections"],
        "chair" => ["site", "chair/{id}"],
        "ops" => ["ops", "ops/instances/{id}", "ops/audit", "ops/poison", "meetings/{id}", "khong-co-trang-nay"],
        "admin" => ["ops", "meetings"],
        "auditor" => ["ops/audit", "meetings", "reports"],
        _ => throw new ArgumentOutOfRangeException(nameof(user), user, null),
    };

    [Theory]
    [MemberData(nameof(RolesAndSizes))]
    public async Task Every_page_passes_axe_core_WCAG_2_1_AA(string user, bool phone)
    {
        IPage page = user == "anonymous" ? await fixture.Browser.OpenAsync(phone) : await fixture.Browser.SignInAsync(user, phone);
        var found = new StringBuilder();
        foreach (string path in PagesOf(user).Select(p => p.Replace("{id}", fixture.MeetingId, StringComparison.Ordinal)))
        {
            await page.GotoAsync(new Uri(fixture.Browser.Host.Address, path).ToString());
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Axe });
            JsonElement violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations");
            foreach (JsonElement violation in violations.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical"))
            {
                string where = string.Join(", ", violation.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("target").ToString()));
                found.AppendLine(CultureInfo.InvariantCulture, $"/{path}: {violation.GetProperty("id")} ({violation.GetProperty("impact")}) {violation.GetProperty("help")} at {where}");
            }
        }

        await page.Context.CloseAsync();
        Assert.True(found.Length == 0, $"{user} on a {(phone ? "phone" : "desktop")}:\n{found}");
    }

    [Fact]
    public async Task The_chair_board_takes_a_new_request_in_place_without_reloading_the_page_also_after_an_action()
    {
        IPage chair = await fixture.Browser.SignInAsync("chair");
        await chair.GotoAsync(new Uri(fixture.Browser.Host.Address, $"chair/{fixture.MeetingId}").ToString());
        await chair.ClickAsync("#queue button:text('Cho phát biểu')"); // an action first: the page now shows a POST's answer
        await chair.EvaluateAsync("() => window.sameDocument = true");
        string haTrung = Hntt.App.Registry.RegistrySeeds.ThanhHoa().Sites.Single(s => s.Id == "th-d-ha-trung").Name;

        using HttpClient technician = fixture.Browser.Host.As("technician", "th-d-ha-trung");
        (await technician.PostAsJsonAsync($"api/meetings/{fixture.MeetingId}/sites/th-d-ha-trung/speaking-requests", new { topic = "Xin ý kiến" })).EnsureSuccessStatusCode();

        await Assertions.Expect(chair.Locator("#queue")).ToContainTextAsync(haTrung, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        Assert.True(await chair.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        Assert.Equal(0, await chair.Locator("meta[http-equiv=refresh]").CountAsync());
        Assert.Equal("polite", await chair.GetAttributeAsync("#board-summary", "aria-live"));
        await chair.Context.CloseAsync();
    }
}
