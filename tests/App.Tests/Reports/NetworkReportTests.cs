using DocumentFormat.OpenXml.Packaging;
using Hntt.App.Inspections;
using Hntt.App.Meetings;
using Hntt.App.Registry;
using Hntt.App.Reports;
using Hntt.Domain.Inspections;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Hntt.Testing.Service;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Hntt.App.Tests.Reports;

/// <summary>
/// TH Art. 8.8, 12.2: a seeded year of meetings, inspections and technicians; the report's figures against the same
/// figures this test counts from its own seed, and the Word document parsed back.
/// </summary>
public sealed class NetworkReportTests
{
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero));
    readonly InMemoryMeetingDirectory directory = new();
    readonly InMemoryMeetingStore store = new();
    IReadOnlyList<SeededMeeting> seeded = [];
    readonly List<Inspection> inspections = [];
    readonly List<Finding> findings = [];
    readonly RegistryData registry;

    public NetworkReportTests()
    {
        RegistryData shipped = RegistrySeeds.ThanhHoa();
        Technician gone = shipped.Technicians[3];
        // TH Art. 8.3: one technician replaced this year, the newcomer not yet trained.
        registry = shipped with
        {
            Technicians = [.. shipped.Technicians.Select(t => t.Id == gone.Id ? t with { Active = false } : t),
                gone with { Id = gone.Id + "-new", Name = "Lê Văn Mới", Replaces = gone.Id, TrainingRequired = true }],
        };
    }

    async Task SeedAsync()
    {
        seeded = await YearOfMeetings.SeedAsync(directory, store, registry, 2026, 60);
        var random = new Random(2026);
        string[] rooms = [.. registry.Sites.Select(s => s.Id)];
        for (int n = 0; n < 12; n++)
        {
            var inspection = new Inspection($"i{n}", rooms[random.Next(rooms.Length)], VietnamTime.ToUtc(new DateTime(2025 + (n % 4 == 0 ? 0 : 1), 1 + n, 10, 9, 0, 0)), n % 3 == 0, "DIC");
            inspections.Add(inspection);
            findings.AddRange(Enumerable.Range(0, n % 3).Select(k => new Finding($"f{n}-{k}", inspection.Id, inspection.SiteId, FindingArea.Equipment, (k + n) % 3 == 0 ? FindingSeverity.Critical : FindingSeverity.Minor,
                "phát hiện", "th-stttt", inspection.PlannedUtc.AddDays(30), inspection.PlannedUtc) { ClosedUtc = (n + k) % 2 == 0 ? inspection.PlannedUtc.AddDays(20) : null }));
        }
    }

    async Task<NetworkReport> ReportAsync(ReportPeriod period)
    {
        var inspectionStore = new Mock<IInspectionStore>();
        inspectionStore.Setup(s => s.ListInspectionsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(inspections);
        inspectionStore.Setup(s => s.ListFindingsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(findings);
        return await new ReportReader(directory, store, inspectionStore.Object, new InMemoryRegistry(registry), time).ReadAsync(period, default);
    }

    [Fact]
    public async Task The_year_report_gives_the_figures_counted_from_the_same_data()
    {
        await SeedAsync();
        NetworkReport report = await ReportAsync(new ReportPeriod(2026));

        var year = seeded.Where(m => VietnamTime.ToLocal(m.Entry.StartUtc).Year == 2026).ToList();
        var held = year.Where(m => m.Entry.Phase == MeetingPhase.Done).ToList();
        var rooms = held.SelectMany(m => m.Sites).Where(s => s.Role == SiteRole.Satellite).ToList();
        var resolved = held.SelectMany(m => m.Incidents).Where(i => i.ResolvedAtUtc is not null).Select(i => (i.ResolvedAtUtc!.Value - i.ReportedAtUtc).TotalMinutes).Order().ToList();
        var switches = held.SelectMany(m => m.Report.ChairSwitches).ToList();
        DateTime from = VietnamTime.ToUtc(new DateTime(2026, 1, 1)), to = VietnamTime.ToUtc(new DateTime(2027, 1, 1));

        Assert.Equal(held.Count, report.MeetingsHeld);
        Assert.True(report.MeetingsHeld is > 40 and < 60, $"{report.MeetingsHeld} held"); // the seed is what it claims
        Assert.Equal(year.Count(m => m.Entry.Phase == MeetingPhase.Cancelled), report.MeetingsCancelled);
        Assert.Equal(held.Count(m => m.Entry.Kind == MeetingKind.Emergency), report.ByKind.Single(t => t.Label == "Đột xuất, khẩn cấp").Count);
        Assert.Equal(held.Count(m => m.Entry.HostUnitId == "th-ubnd"), report.ByHost.Single(t => t.Label == registry.Units.Single(u => u.Id == "th-ubnd").Name).Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(month => held.Count(m => VietnamTime.ToLocal(m.Entry.StartUtc).Month == month)), report.ByMonth.Select(t => t.Count));
        Assert.Equal(rooms.Count, report.RoomsInvited);
        Assert.Equal(rooms.Count(r => r.SecondTest is { Audio: true, Video: true } && !r.AtRisk), report.RoomsReadyOnTime);
        Assert.Equal(rooms.Count(r => r.SecondTest is { Audio: true, Video: true } && r.AtRisk), report.RoomsReadyLate);
        Assert.Equal(rooms.Count(r => r.SecondTest is not { Audio: true, Video: true }), report.RoomsAbsent);
        Assert.Equal(held.SelectMany(m => m.Incidents).Count(i => i.Kind == IncidentKind.DroppedCall), report.IncidentsByKind.Single(t => t.Label == "Mất kết nối").Count);
        Assert.Equal(resolved.Count, report.IncidentsResolved);
        Assert.Equal(resolved.Count % 2 == 1 ? resolved[resolved.Count / 2] : (resolved[(resolved.Count / 2) - 1] + resolved[resolved.Count / 2]) / 2, report.MedianMinutesToResolve);
        Assert.Equal((switches.Count, switches.Count(s => s.Milliseconds <= 30000)), (report.ChairSwitches, report.ChairSwitchesWithinLimit));
        Assert.Equal(held.Sum(m => m.Qualities.Count(q => q == "poor")), report.Quality.Single(t => t.Label == "Kém").Count);
        Assert.Equal(inspections.Count(i => i.PlannedUtc >= from && i.PlannedUtc < to), report.Inspections);
        Assert.Equal(findings.Count(f => f.RecordedUtc >= from && f.RecordedUtc < to), report.FindingsRecorded);
        Assert.Equal((findings.Count(f => f.ClosedUtc is null), findings.Count(f => f.ClosedUtc is null && f.Severity == FindingSeverity.Critical)),
            (report.FindingsOpen, report.FindingsOpenCritical));
        Assert.Equal((registry.Technicians.Count(t => t.Active), 1, 1), (report.TechniciansActive, report.TechniciansReplaced, report.TechniciansAwaitingTraining));
    }

    [Fact]
    public async Task A_month_report_counts_only_that_month()
    {
        await SeedAsync();
        NetworkReport november = await ReportAsync(new ReportPeriod(2026, 11));

        Assert.Equal(seeded.Count(m => m.Entry.Phase == MeetingPhase.Done && VietnamTime.ToLocal(m.Entry.StartUtc) is { Year: 2026, Month: 11 }), november.MeetingsHeld);
        Assert.Empty(november.ByMonth);
    }

    [Fact]
    public async Task The_Word_document_opens_and_holds_the_figures_and_the_charts()
    {
        await SeedAsync();
        NetworkReport report = await ReportAsync(new ReportPeriod(2026));

        byte[] docx = ReportDocument.Docx(report, ReportCharts.For(report));

        using var stream = new MemoryStream(docx);
        using WordprocessingDocument document = WordprocessingDocument.Open(stream, isEditable: false);
        string[] cells = [.. document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText)];
        string text = document.MainDocumentPart.Document.Body.InnerText;
        string Row(string label) => cells[Array.IndexOf(cells, label) + 1];

        Assert.Contains("BÁO CÁO HIỆU QUẢ HỆ THỐNG HỘI NGHỊ TRUYỀN HÌNH TRỰC TUYẾN NĂM 2026", text, StringComparison.Ordinal);
        Assert.Equal(report.MeetingsHeld.ToString(System.Globalization.CultureInfo.InvariantCulture), Row("Tổng số hội nghị đã tổ chức"));
        Assert.StartsWith(report.RoomsReadyOnTime.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), Row("Sẵn sàng đúng hạn"), StringComparison.Ordinal);
        Assert.Equal(report.ChairSwitches.ToString(System.Globalization.CultureInfo.InvariantCulture), Row("Số lần yêu cầu"));
        Assert.Equal(report.FindingsOpenCritical.ToString(System.Globalization.CultureInfo.InvariantCulture), Row("Trong đó nghiêm trọng"));
        Assert.Contains("THỦ TRƯỞNG ĐƠN VỊ", text, StringComparison.Ordinal); // where it is signed
        Assert.Equal(3, document.MainDocumentPart.ImageParts.Count());
        Assert.All(document.MainDocumentPart.ImageParts, part =>
        {
            using Stream png = part.GetStream();
            byte[] head = new byte[8];
            png.ReadExactly(head);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], head[..4]); // a real PNG chart
        });
    }
}
