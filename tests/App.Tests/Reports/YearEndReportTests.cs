using Azure.Storage.Blobs;
using DocumentFormat.OpenXml.Packaging;
using Hntt.App.Inspections;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.App.Reports;
using Hntt.App.Timers;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;
using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.DurableTask;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Hntt.App.Tests.Reports;

/// <summary>TH Art. 8.8, 12.2: the year-end job drafts the year's report, keeps it in blob storage and sends DIC the figures and the link.</summary>
public sealed class YearEndReportTests : IAsyncLifetime
{
    AzuriteServer azurite = null!;

    public async Task InitializeAsync() => azurite = await AzuriteServer.StartAsync();

    public Task DisposeAsync() => azurite.DisposeAsync().AsTask();

    [Fact]
    public async Task The_year_end_job_keeps_the_draft_and_sends_DIC_and_PPC_Office_its_figures_and_link()
    {
        var directory = new InMemoryMeetingDirectory();
        var store = new InMemoryMeetingStore();
        var registry = new InMemoryRegistry(RegistrySeeds.ThanhHoa());
        IReadOnlyList<SeededMeeting> seeded = await YearOfMeetings.SeedAsync(directory, store, await registry.ReadAsync(default), 2026, 30);
        var inspections = new Mock<IInspectionStore>();
        inspections.Setup(s => s.ListInspectionsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        inspections.Setup(s => s.ListFindingsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero));
        var sender = new RecordingNoticeSender(time);
        StorageConnection storage = StorageConnection.FromConnectionString(azurite.ConnectionString);
        var job = new YearEndReportActivity(registry, new ReportReader(directory, store, inspections.Object, registry, time), storage, sender);

        string said = await job.RunAsync(Mock.Of<TaskActivityContext>(), new ScheduledJobInput(ScheduledJobs.YearEndReport, time.GetUtcNow().UtcDateTime, PastDue: false));

        BlobClient draft = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("reports").GetBlobClient("2026/bao-cao-hntt-2026.docx");
        using var document = WordprocessingDocument.Open(new MemoryStream((await draft.DownloadContentAsync()).Value.Content.ToArray()), isEditable: false);
        int held = seeded.Count(m => m.Entry.Phase == MeetingPhase.Done && VietnamTime.ToLocal(m.Entry.StartUtc).Year == 2026);
        Assert.Contains($"Tổng số hội nghị đã tổ chức{held}", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        IReadOnlyList<Notice> sent = [.. sender.Sent.Select(s => s.Notice)];
        Assert.Equal(["Sở Thông tin và Truyền thông Thanh Hóa", "UBND tỉnh Thanh Hóa"], sent.Select(n => n.RecipientName).Order(StringComparer.Ordinal));
        Assert.All(sent, n => Assert.Equal("/reports?year=2026", n.LinkPath));
        Assert.Contains($"- Tổng số hội nghị đã tổ chức: {held}", sent[0].Lines);
        Assert.Contains("reports/2026/bao-cao-hntt-2026.docx", said, StringComparison.Ordinal);
    }
}
