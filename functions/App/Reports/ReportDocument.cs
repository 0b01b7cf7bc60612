using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Hntt.Domain.Meetings;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Hntt.App.Reports;

/// <summary>
/// The report as a Word document the office can edit and sign (TH Art. 8.8, 12.2): the administrative heading, the
/// figures in tables, the charts, and the signature block — in Vietnamese.
/// </summary>
public static class ReportDocument
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The figures as rows: a section title, then (label, value) pairs; the page and the document show the same.</summary>
    public static IReadOnlyList<(string Section, IReadOnlyList<(string Label, string Value)> Rows)> Sections(NetworkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string N(int n) => n.ToString("N0", Vietnamese);
        static string Pct(int part, int whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("0.0", Vietnamese) + " %";
        return
        [
            ("1. Hội nghị đã tổ chức", [("Tổng số hội nghị đã tổ chức", N(report.MeetingsHeld)), ("Hội nghị đã hủy", N(report.MeetingsCancelled)),
                .. report.ByKind.Select(t => (t.Label, N(t.Count))), .. report.ByHost.Select(t => ($"Chủ trì: {t.Label}", N(t.Count)))]),
            ("2. Điểm cầu tham dự", [("Số lượt điểm cầu được mời", N(report.RoomsInvited)),
                ("Sẵn sàng đúng hạn", $"{N(report.RoomsReadyOnTime)} ({Pct(report.RoomsReadyOnTime, report.RoomsInvited)})"),
                ("Sẵn sàng muộn", N(report.RoomsReadyLate)), ("Không sẵn sàng", N(report.RoomsAbsent))]),
            ("3. Sự cố kỹ thuật (SL II.1 bước 6, TH Điều 11.2)", [.. report.IncidentsByKind.Select(t => (t.Label, N(t.Count))),
                ("Đã khắc phục", N(report.IncidentsResolved)),
                ("Thời gian khắc phục (trung vị)", report.MedianMinutesToResolve is { } m ? m.ToString("0", Vietnamese) + " phút" : "—")]),
            ("4. Chuyển điểm cầu lên màn hình chủ tọa (SL II.1 bước 6)", [("Số lần yêu cầu", N(report.ChairSwitches)),
                ("Trong 30 giây", $"{N(report.ChairSwitchesWithinLimit)} ({Pct(report.ChairSwitchesWithinLimit, report.ChairSwitches)})")]),
            ("5. Đánh giá chất lượng phiên họp (SL II.1 bước 7)", [.. report.Quality.Select(t => (t.Label, N(t.Count)))]),
            ("6. Kiểm tra điểm cầu (TH Điều 6.4)", [("Số lần kiểm tra", N(report.Inspections)), ("Phát hiện ghi nhận", N(report.FindingsRecorded)),
                ("Phát hiện chưa khắc phục", N(report.FindingsOpen)), ("Trong đó nghiêm trọng", N(report.FindingsOpenCritical))]),
            ("7. Cán bộ kỹ thuật (TH Điều 8.2–8.3)", [("Đang làm nhiệm vụ", N(report.TechniciansActive)), ("Thay thế", N(report.TechniciansReplaced)),
                ("Cần tập huấn", N(report.TechniciansAwaitingTraining))]),
        ];
    }

    /// <summary>The .docx.</summary>
    public static byte[] Docx(NetworkReport report, IReadOnlyList<ReportChart> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        using var stream = new MemoryStream();
        using (WordprocessingDocument document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            MainDocumentPart main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);
            body.Append(Centered("ỦY BAN NHÂN DÂN TỈNH — SỞ THÔNG TIN VÀ TRUYỀN THÔNG", bold: true, size: 24));
            body.Append(Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc", bold: true, size: 24));
            body.Append(Centered($"BÁO CÁO HIỆU QUẢ HỆ THỐNG HỘI NGHỊ TRUYỀN HÌNH TRỰC TUYẾN {report.Period.Vietnamese.ToUpper(Vietnamese)}", bold: true, size: 30));
            body.Append(Centered($"(TH Điều 8.8, 12.2 — dự thảo lập lúc {VietnamTime.ToLocal(report.GeneratedUtc).ToString("HH:mm dd/MM/yyyy", Vietnamese)})", bold: false, size: 22));
            foreach (var (section, rows) in Sections(report))
            {
                body.Append(Text(section, bold: true, size: 26));
                body.Append(Figures(rows));
            }

            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page }))); // the charts on their own page
            uint id = 1;
            foreach (ReportChart chart in charts)
            {
                ImagePart image = main.AddImagePart(ImagePartType.Png);
                using (var png = new MemoryStream(chart.Png))
                {
                    image.FeedData(png);
                }

                body.Append(new Paragraph(new Run(Picture(main.GetIdOfPart(image), id++, chart.Title))));
            }

            body.Append(Signatures());
            // A4, the margins of Decree 30/2020/NĐ-CP on administrative documents (top and bottom 2 cm, left 3 cm, right 1.5 cm).
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 851U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    static Paragraph Text(string text, bool bold, int size) =>
        new(new Run(new RunProperties(bold ? new Bold() : new Bold { Val = false }, new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }), new Text(text)));

    static Paragraph Centered(string text, bool bold, int size)
    {
        Paragraph paragraph = Text(text, bold, size);
        paragraph.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        return paragraph;
    }

    // Times New Roman 13 pt (Decree 30/2020/NĐ-CP), no space after paragraphs: the figures fit the first page.
    static void AddStyles(MainDocumentPart main)
    {
        StyleDefinitionsPart styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman" },
                new FontSize { Val = "26" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    static Table Figures(IReadOnlyList<(string Label, string Value)> rows)
    {
        var border = new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = "9354", Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = "6804" }, new GridColumn { Width = "2550" }));
        foreach (var (label, value) in rows)
        {
            table.Append(new TableRow(
                new TableCell(new TableCellProperties(new TableCellWidth { Width = "6804", Type = TableWidthUnitValues.Dxa }), new Paragraph(new Run(new Text(label)))),
                new TableCell(new TableCellProperties(new TableCellWidth { Width = "2550", Type = TableWidthUnitValues.Dxa }),
                    new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(new Text(value))))));
        }

        return table;
    }

    // Who made it and who signs it, side by side, with room to sign.
    static Table Signatures()
    {
        static TableCell Cell(string who, string how) => new(new TableCellProperties(new TableCellWidth { Width = "4677", Type = TableWidthUnitValues.Dxa }),
            Centered(who, bold: true, size: 26), Centered(how, bold: false, size: 24), Centered(" ", bold: false, size: 26), Centered(" ", bold: false, size: 26));
        return new Table(new TableProperties(new TableWidth { Width = "9354", Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = "4677" }, new GridColumn { Width = "4677" }),
            new TableRow(Cell("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"), Cell("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)")));
    }

    // An inline picture, 16 × 7.5 cm (the charts are 640 × 300).
    static Drawing Picture(string relationshipId, uint id, string title)
    {
        const long Cx = 5760000, Cy = 2700000;
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = Cx, Cy = Cy },
            new DW.DocProperties { Id = id, Name = $"chart{id}", Description = title },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = $"chart{id}.png", Description = title }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = Cx, Cy = Cy }), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 });
    }
}
