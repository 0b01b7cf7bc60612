using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Hntt.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hntt.Web.Tests;

/// <summary>A meeting from the coordinator's form to the technician's phone, the coordinator's matrix and ops' history, in a real browser.</summary>
public sealed class MeetingStoryTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    static readonly DateTime Day = Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(4);

    [Fact]
    public async Task A_meeting_goes_from_the_form_to_a_green_readiness_cell_and_ops_see_the_confirmation_SL_II_1_step_5()
    {
        // The coordinator requests a meeting; a wrong end time is shown beside the field, then fixed.
        IPage coordinator = await fixture.SignInAsync("coordinator");
        await coordinator.GotoAsync(new Uri(fixture.Host.Address, "meetings/new").ToString());
        await coordinator.FillAsync("#title", "Giao ban phòng chống lụt bão (thử trên trình duyệt)");
        await coordinator.FillAsync("#date", Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await coordinator.FillAsync("#start", "14:00");
        await coordinator.FillAsync("#end", "13:00");
        await coordinator.ClickAsync("details summary");
        await coordinator.CheckAsync("input[name=SiteIds][value='th-d-nga-son']");
        await coordinator.ClickAsync("form button[type=submit]");
        string endError = await coordinator.InnerTextAsync("#end-error");
        Assert.Contains("sau thời gian bắt đầu", endError, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(coordinator, "meeting-form-errors");
        await coordinator.FillAsync("#end", "16:00");
        await coordinator.ClickAsync("form button[type=submit]");
        await Assertions.Expect(coordinator).ToHaveURLAsync(new Regex("/meetings/mtg-"), new PageAssertionsToHaveURLOptions { Timeout = 60_000 }); // polled: see SignInAsync
        string meetingId = coordinator.Url.Split('/')[^1];

        // It is on the month's calendar, on its day.
        await coordinator.GotoAsync(new Uri(fixture.Host.Address, $"meetings?view=calendar&month={Day:yyyy-MM}").ToString());
        string day = await coordinator.InnerTextAsync($"[data-date='{Day:yyyy-MM-dd}']");
        Assert.Contains("Giao ban phòng chống lụt bão", day, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(coordinator, "meetings-calendar");

        // The Nga Sơn technician, on a phone, confirms readiness with one tap.
        await Eventually.HoldsAsync(async () => (await fixture.Host.Services.GetRequiredService<App.Meetings.IMeetingStore>().ReadSiteAsync(meetingId, "th-d-nga-son", default)) is not null,
            TimeSpan.FromSeconds(30), "the workflow has planned the rooms");
        IPage technician = await fixture.SignInAsync("technician", phone: true);
        await technician.ClickAsync($"a[href='/site/{meetingId}']");
        await technician.ClickAsync("text=Xác nhận sẵn sàng");
        Assert.Equal("Đạt", await technician.InnerTextAsync("#ready-th-d-nga-son"));
        await technician.ClickAsync("text=Xin phát biểu");
        await BrowserFixture.ScreenshotAsync(technician, "technician-phone");

        // The chair-room technician sees the request and puts Nga Sơn on the chair's screen, timed against 30 s (SL II.1 step 6).
        IPage chair = await fixture.SignInAsync("chair");
        await chair.GotoAsync(new Uri(fixture.Host.Address, $"chair/{meetingId}").ToString());
        string ngaSon = Hntt.App.Registry.RegistrySeeds.ThanhHoa().Sites.Single(s => s.Id == "th-d-nga-son").Name; // people read names, not ids
        Assert.Contains(ngaSon, await chair.InnerTextAsync("table"), StringComparison.Ordinal);
        await chair.ClickAsync("text=Đưa lên màn hình chủ tọa");
        await Eventually.HoldsAsync(async () =>
        {
            await chair.GotoAsync(new Uri(fixture.Host.Address, $"chair/{meetingId}").ToString());
            return await chair.Locator("#last-switch").CountAsync() == 1;
        }, TimeSpan.FromSeconds(30), "the board shows how long the switch took");
        Assert.Contains(ngaSon, await chair.InnerTextAsync("#last-switch"), StringComparison.Ordinal);
        Assert.Contains("trong 30 giây", await chair.InnerTextAsync("#last-switch"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(chair, "chair-board");

        // The coordinator's readiness matrix turns green for Nga Sơn.
        await coordinator.GotoAsync(new Uri(fixture.Host.Address, $"meetings/{meetingId}").ToString());
        ILocator ready = coordinator.Locator("#readiness tr[data-site='th-d-nga-son'] td[data-stage='ready']");
        Assert.Equal("cell-ok", await ready.GetAttributeAsync("class"));
        Assert.Equal("rgb(217, 242, 225)", await ready.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await BrowserFixture.ScreenshotAsync(coordinator, "meeting-page");

        // Ops open the meeting's history and see the technician's confirmation in it.
        IPage ops = await fixture.SignInAsync("ops");
        await ops.GotoAsync(new Uri(fixture.Host.Address, $"ops/instances/{meetingId}").ToString());
        string history = await ops.InnerTextAsync("#history");
        Assert.Contains("/sites/th-d-nga-son/readiness", history, StringComparison.Ordinal);
        Assert.Contains("technician", history, StringComparison.Ordinal);
        Assert.Contains("ExecutionStarted", history, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(ops, "ops-history");
    }

    [Fact]
    public async Task Ops_terminate_a_test_instance_behind_a_confirmation()
    {
        DurableTaskClient client = fixture.Host.Services.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync("RuntimeDemo", 50, new StartOrchestrationOptions("web-test-instance"));
        await client.WaitForInstanceStartAsync("web-test-instance");
        IPage ops = await fixture.SignInAsync("ops");
        // The list reads the query projection, written just after the instance's own row: look again until it shows.
        await Eventually.HoldsAsync(async () =>
        {
            await ops.GotoAsync(new Uri(fixture.Host.Address, "ops?prefix=web-test").ToString());
            return await ops.Locator("a[href='/ops/instances/web-test-instance']").CountAsync() == 1;
        }, TimeSpan.FromSeconds(30), "the instance is listed");
        await BrowserFixture.ScreenshotAsync(ops, "ops-instances");
        await ops.ClickAsync("a[href='/ops/instances/web-test-instance']");
        Assert.Equal("Running", await ops.InnerTextAsync("#runtime-status"));

        ILocator terminate = ops.Locator("form:has(input[name=action][value=terminate])");
        await terminate.Locator("input[name=reason]").FillAsync("phiên thử nghiệm");
        await terminate.Locator("button").ClickAsync(); // the confirmation is not ticked: the browser holds the form back
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync("web-test-instance"))!.RuntimeStatus);
        await terminate.Locator("input[name=confirm]").CheckAsync();
        await terminate.Locator("button").ClickAsync();
        await Eventually.HoldsAsync(async () => (await client.GetInstanceAsync("web-test-instance"))!.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            TimeSpan.FromSeconds(30), "terminated");
        await ops.GotoAsync(new Uri(fixture.Host.Address, "ops/instances/web-test-instance").ToString());
        Assert.Equal("Terminated", await ops.InnerTextAsync("#runtime-status"));
    }

    [Fact]
    public async Task Pages_are_Vietnamese_first_and_English_is_one_click_away_and_remembered()
    {
        IPage coordinator = await fixture.SignInAsync("coordinator");
        await coordinator.GotoAsync(new Uri(fixture.Host.Address, "meetings").ToString());
        Assert.Equal("vi", await coordinator.GetAttributeAsync("html", "lang"));
        Assert.Equal("Hội nghị", await coordinator.InnerTextAsync("h1"));

        await coordinator.ClickAsync("a[hreflang=en]");
        await coordinator.GotoAsync(new Uri(fixture.Host.Address, "meetings/new").ToString());

        Assert.Equal("en", await coordinator.GetAttributeAsync("html", "lang"));
        Assert.Equal("Request a video conference", await coordinator.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_technician_opening_the_operations_page_gets_403_in_Vietnamese_TH_Art_3()
    {
        IPage technician = await fixture.SignInAsync("technician", phone: true);

        IResponse? response = await technician.GotoAsync(new Uri(fixture.Host.Address, "ops").ToString());

        Assert.Equal(403, response!.Status);
        Assert.Contains("Không có quyền", await technician.InnerTextAsync("h1"), StringComparison.Ordinal);
    }
}
