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

/// <summary>
/// DIC's oversight in the browser: the year's report, its figures, charts and document to sign (TH Art. 8.8, 12.2), and
/// an inspection from plan to closed finding (TH Art. 6.4).
/// </summary>
public sealed class OversightStoryTests(ReportYearFixture fixture) : IClassFixture<ReportYearFixture>
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

    [Fact]
    public async Task DIC_plans_an_inspection_records_a_critical_finding_with_a_photo_and_closes_it_when_fixed()
    {
        IPage page = await fixture.Browser.SignInAsync("dic");
        await page.GotoAsync(new Uri(fixture.Browser.Host.Address, "inspections").ToString());
        string when = Hntt.Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        await page.Locator("#plan-site").SelectOptionAsync("th-d-muong-lat");
        await page.Locator("#plan-at").FillAsync(when);
        await page.Locator("#plan-who").FillAsync("Nguyễn Văn Kiểm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch", Exact = true }).ClickAsync();
        ILocator inspection = page.Locator("section.card", new PageLocatorOptions { HasText = "Nguyễn Văn Kiểm" });
        await inspection.Locator("select[name=severity]").SelectOptionAsync("Critical");
        await inspection.Locator("input[name=description]").FillAsync("Camera chính hỏng, không quay được chủ tọa");
        await inspection.Locator("input[name=due]").FillAsync(Hntt.Domain.Meetings.VietnamTime.ToLocal(DateTime.UtcNow).AddDays(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await inspection.GetByRole(AriaRole.Button, new() { Name = "Ghi phát hiện" }).ClickAsync();
        ILocator finding = page.Locator("[data-finding]", new PageLocatorOptions { HasText = "Camera chính hỏng" });
        await Assertions.Expect(finding).ToHaveClassAsync("cell-bad"); // open and critical

        string photo = Path.Combine(Directory.CreateTempSubdirectory("inspection-").FullName, "camera-hong.png");
        File.Copy(Path.Combine(RepoPaths.Root, "docs", "screenshots", "chair-board.png"), photo); // any real PNG
        await page.Locator("input[type=file]").First.SetInputFilesAsync(photo);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu tệp" }).First.ClickAsync();
        await Assertions.Expect(finding.GetByRole(AriaRole.Link, new() { Name = "camera-hong.png" })).ToBeVisibleAsync();
        await page.Locator("input[name=resolution]").First.FillAsync("Đã thay camera");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đóng phát hiện" }).First.ClickAsync();

        await Assertions.Expect(page.Locator("[data-finding]", new PageLocatorOptions { HasText = "Camera chính hỏng" })).ToHaveClassAsync("cell-ok");
        await Assertions.Expect(page.Locator("[data-finding]", new PageLocatorOptions { HasText = "Camera chính hỏng" })).ToContainTextAsync("Đã thay camera");
    }
}
