using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.Playwright;

namespace Hntt.Web.Tests;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its own browser download is not reachable here), and the
/// service on Azurite; one of each per test class, a fresh browser context per user.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    AzuriteServer azurite = null!;
    IPlaywright playwright = null!;

    public ApiHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        Host = await ApiHost.StartAsync(azurite, "web");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No network beyond the machine: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context, nobody signed in; a phone's screen when asked.</summary>
    public async Task<IPage> OpenAsync(bool phone = false)
    {
        IBrowserContext context = await Browser.NewContextAsync(phone
            ? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "vi-VN" }
            : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "vi-VN" });
        // Generous waits: two cores run the service, Azurite and Chromium at once; a slow step must not read as a failure.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser context signed in as a demo user; a phone's screen when asked.</summary>
    public async Task<IPage> SignInAsync(string demoUser, bool phone = false)
    {
        IPage page = await OpenAsync(phone);
        await page.GotoAsync(new Uri(Host.Address, "signin").ToString());
        await page.SelectOptionAsync("#user", demoUser);
        await page.ClickAsync("form[action*='handler=Demo'] button[type=submit]");
        try
        {
            // Polled, not awaited as an event: the redirect can land before a navigation waiter is listening, and then it never fires.
            await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"), new PageAssertionsToHaveURLOptions { Timeout = 60_000 });
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            throw new TimeoutException($"Still on {page.Url} after signing in as {demoUser}: {await page.InnerTextAsync("body")}");
        }

        return page;
    }

    /// <summary>Saves a screenshot of the page for the README (docs/screenshots).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        string folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Host.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
