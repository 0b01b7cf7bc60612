using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Meetings;
using Hntt.App.Registry;
using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hntt.Web.Tests;

/// <summary>A year of closed meetings in the service's own stores: what the report page and its document show.</summary>
public sealed class ReportYearFixture : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new();

    public int Year { get; } = Hntt.Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).Year;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        IServiceProvider services = Browser.Host.Services;
        await YearOfMeetings.SeedAsync(services.GetRequiredService<IMeetingDirectory>(), services.GetRequiredService<IMeetingStore>(),
            await services.GetRequiredService<IRegistry>().ReadAsync(default), Year, 40);
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>TH Art. 8.8, 12.2: DIC opens the year's report, sees the figures and the charts, and downloads the document to sign.</summary>
public sealed class ReportStoryTests(ReportYearFixture fixture) : IClassFixture<ReportYearFixture>
{
    static readonly string Tools = Path.Combine(RepoPaths.Root, "tools", "node_modules");

    [Fact]
    public async Task DIC_sees_the_years_figures_and_charts_and_downloads_the_Word_document_that_holds_them()
    {
        using HttpClient dic = fixture.Browser.Host.As("dic");
        JsonElement figures = await dic.GetFromJsonAsync<JsonElement>($"api/reports?year={fixture.Year}");
        string held = figures.GetProperty("meetingsHeld").GetInt32().ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
        IPage page = await fixture.Browser.SignInAsync("dic");

        await page.GotoAsync(new Uri(fixture.Browser.Host.Address, $"reports?year={fixture.Year}").ToString());
        ILocator heldRow = page.Locator("table.figures tr", new PageLocatorOptions { HasText = "Tổng số hội nghị đã tổ chức" });
        await Assertions.Expect(heldRow.Locator("td")).ToHaveTextAsync(held);
        await Assertions.Expect(page.Locator(".charts img")).ToHaveCountAsync(3);
        Assert.All(await page.Locator(".charts img").EvaluateAllAsync<int[]>("imgs => imgs.map(i => i.naturalWidth)"), w => Assert.Equal(640, w)); // the charts decoded
        await BrowserFixture.ScreenshotAsync(page, "report-page");
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Tải báo cáo (Word) để ký").ClickAsync());
        string file = await download.PathAsync();

        // The document as a reader opens it: docx-preview (tools/, pinned) lays it out in Chromium; its first page is the README's picture.
        IPage reader = await fixture.Browser.OpenAsync();
        await reader.SetContentAsync("<!doctype html><html lang=\"vi\"><body style=\"background:#eee\"><div id=\"doc\"></div></body></html>");
        await reader.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(Tools, "jszip", "dist", "jszip.min.js") });
        await reader.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(Tools, "docx-preview", "dist", "docx-preview.min.js") });
        await reader.EvaluateAsync("async b64 => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0)); await docx.renderAsync(bytes, document.getElementById('doc')); }",
            Convert.ToBase64String(await File.ReadAllBytesAsync(file)));
        ILocator firstPage = reader.Locator("section.docx").First;
        string text = await firstPage.InnerTextAsync();
        await firstPage.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Root, "docs", "screenshots", "report-document.png") });

        Assert.Equal($"bao-cao-hntt-{fixture.Year}.docx", download.SuggestedFilename);
        Assert.Contains($"NĂM {fixture.Year}", text, StringComparison.Ordinal);
        await Assertions.Expect(firstPage.Locator("tr", new LocatorLocatorOptions { HasText = "Tổng số hội nghị đã tổ chức" }).Locator("td").Nth(1)).ToHaveTextAsync(held);
        await Assertions.Expect(reader.Locator("section.docx img")).ToHaveCountAsync(3); // the charts, after the figures' page
    }
}
