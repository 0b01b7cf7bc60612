using ScottPlot;

namespace Hntt.App.Reports;

/// <summary>A chart of a report, as a PNG (for the document) or an SVG (for the page), with its title as text.</summary>
public sealed record ReportChart(string Title, byte[] Png, string Svg);

/// <summary>The report's charts, drawn with ScottPlot: meetings by month (or host), rooms' readiness, incidents by kind.</summary>
public static class ReportCharts
{
    const int Width = 640, Height = 300;

    /// <summary>The charts for <paramref name="report"/>.</summary>
    public static IReadOnlyList<ReportChart> For(NetworkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            report.ByMonth.Count > 0
                ? Bars("Số hội nghị theo tháng", report.ByMonth)
                : Bars("Số hội nghị theo đơn vị chủ trì", [.. report.ByHost.Take(8)]),
            Bars("Điểm cầu: sẵn sàng đúng hạn, muộn, vắng",
                [new("Đúng hạn", report.RoomsReadyOnTime), new("Muộn", report.RoomsReadyLate), new("Vắng", report.RoomsAbsent)]),
            Bars("Sự cố theo loại", report.IncidentsByKind),
        ];
    }

    static ReportChart Bars(string title, IReadOnlyList<Tally> tallies)
    {
        var plot = new Plot();
        double[] values = [.. tallies.Select(t => (double)t.Count)];
        plot.Add.Bars(values).Color = Color.FromHex("#1F5F99");
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, tallies.Count).Select(i => (double)i)], [.. tallies.Select(t => t.Label)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.HideGrid();
        return new ReportChart(title, plot.GetImageBytes(Width, Height, ImageFormat.Png), plot.GetSvgXml(Width, Height));
    }
}
