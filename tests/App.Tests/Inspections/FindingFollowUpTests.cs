using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Hntt.App.Inspections;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Inspections;
using Hntt.Domain.Meetings;
using Hntt.Testing;
using Hntt.Testing.Service;
using Hntt.Testing.Workflows;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.App.Tests.Inspections;

/// <summary>TH Art. 6.4: a finding followed up on virtual time, its store on Azurite, until DIC closes it.</summary>
public sealed class FindingFollowUpTests : IAsyncLifetime
{
    static readonly DateTime Recorded = VietnamTime.ToUtc(new DateTime(2026, 11, 2, 9, 0, 0)); // a Monday morning, local
    AzuriteServer azurite = null!;
    TableInspectionStore store = null!;
    RecordingNoticeSender notices = null!;
    VirtualTimeHost host = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        store = new TableInspectionStore(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString));
        host = new VirtualTimeHost(r => r.AddAllFrom(typeof(FindingFollowUpOrchestration).Assembly), new DateTimeOffset(Recorded, TimeSpan.Zero), time =>
        {
            notices = new RecordingNoticeSender(time);
            return new ServiceCollection().AddLogging().AddSingleton(time).AddSingleton<IInspectionStore>(store)
                .AddSingleton<IRegistry>(new InMemoryRegistry(RegistrySeeds.ThanhHoa())).AddSingleton<INoticeSender>(notices).BuildServiceProvider();
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    async Task<Finding> RecordAsync(int dueInDays)
    {
        var finding = new Finding("f1", "i1", "th-d-muong-lat", FindingArea.Logbook, FindingSeverity.Major, "Sổ nhật ký không ghi phiên ngày 28/10 (TH Điều 4.3)",
            "th-ubnd-muong-lat", Recorded.AddDays(dueInDays), Recorded);
        await store.SaveFindingAsync(finding, default);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FindingFollowUpOrchestration), new FindingWatch(finding.Id, finding.DueUtc),
            new StartOrchestrationOptions(FindingFollowUpOrchestration.InstanceId(finding.Id)));
        return finding;
    }

    IReadOnlyList<(DateTime At, NoticeKind Kind, string To)> Sent => [.. notices.Sent.Select(n => (n.SentAt.UtcDateTime, n.Notice.Kind, n.Notice.RecipientName))];

    [Fact]
    public async Task The_unit_is_reminded_before_the_deadline_DIC_hears_when_it_is_overdue_and_every_week_after_until_it_is_closed()
    {
        Finding finding = await RecordAsync(dueInDays: 10);

        await host.RunUntilIdleAsync(new DateTimeOffset(finding.DueUtc.AddDays(15), TimeSpan.Zero));
        IReadOnlyList<(DateTime At, NoticeKind Kind, string To)> beforeClosing = Sent;
        await store.SaveFindingAsync(finding with { ClosedUtc = host.Now.UtcDateTime, Resolution = "Đã bổ sung sổ, ký đủ" }, default);
        await host.Client.RaiseEventAsync(FindingFollowUpOrchestration.InstanceId(finding.Id), FindingFollowUpOrchestration.ClosedEvent, "Đã bổ sung sổ");
        OrchestrationMetadata done = await host.RunUntilCompletedAsync(FindingFollowUpOrchestration.InstanceId(finding.Id), TimeSpan.FromDays(60));

        Assert.Equal(
        [
            (finding.DueUtc.AddDays(-3), NoticeKind.FindingReminder, "UBND Huyện Mường Lát"),
            (finding.DueUtc.AddDays(-1), NoticeKind.FindingReminder, "UBND Huyện Mường Lát"),
            (finding.DueUtc, NoticeKind.FindingOverdue, "UBND Huyện Mường Lát"),
            (finding.DueUtc, NoticeKind.FindingOverdue, "Sở Thông tin và Truyền thông Thanh Hóa"),
            (finding.DueUtc.AddDays(7), NoticeKind.FindingOverdue, "UBND Huyện Mường Lát"),
            (finding.DueUtc.AddDays(7), NoticeKind.FindingOverdue, "Sở Thông tin và Truyền thông Thanh Hóa"),
            (finding.DueUtc.AddDays(14), NoticeKind.FindingOverdue, "UBND Huyện Mường Lát"),
            (finding.DueUtc.AddDays(14), NoticeKind.FindingOverdue, "Sở Thông tin và Truyền thông Thanh Hóa"),
        ], beforeClosing);
        Assert.Equal("Closed", done.ReadOutputAs<string>());
        Assert.Equal(beforeClosing.Count, Sent.Count); // nothing after it was closed
        Assert.Contains("Sổ nhật ký", notices.Sent[0].Notice.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_closed_without_the_event_reaching_the_follow_up_stops_at_the_next_one_without_a_reminder()
    {
        Finding finding = await RecordAsync(dueInDays: 10);
        await store.SaveFindingAsync(finding with { ClosedUtc = Recorded.AddDays(1), Resolution = "Đã khắc phục" }, default);

        OrchestrationMetadata done = await host.RunUntilCompletedAsync(FindingFollowUpOrchestration.InstanceId(finding.Id), TimeSpan.FromDays(30));

        Assert.Equal("Closed", done.ReadOutputAs<string>());
        Assert.Empty(Sent);
    }

    [Fact]
    public void The_follow_up_times_come_from_the_deadline()
    {
        DateTime due = Recorded.AddDays(10);

        Assert.Equal((due.AddDays(-3), false), FindingFollowUp.Next(due, Recorded));
        Assert.Equal((due.AddDays(-1), false), FindingFollowUp.Next(due, due.AddDays(-3)));
        Assert.Equal((due, true), FindingFollowUp.Next(due, due.AddDays(-1)));
        Assert.Equal((due.AddDays(7), true), FindingFollowUp.Next(due, due));
        Assert.Equal((due, true), FindingFollowUp.Next(due, due.AddHours(-2))); // recorded with less than a day to go
    }
}
