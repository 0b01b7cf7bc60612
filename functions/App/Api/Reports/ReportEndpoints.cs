using Hntt.App.Api.Security;
using Hntt.App.Reports;

namespace Hntt.App.Api.Reports;

/// <summary>
/// <c>/api/reports</c>: the network's effectiveness over a month or a year (TH Art. 8.8, 12.2), as figures or as the
/// Word document the office signs.
/// </summary>
internal static class ReportEndpoints
{
    const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Access.ReadReports);
        group.MapGet("/", ReadAsync).WithName("GetNetworkReport")
            .WithSummary("The figures for a year, or a month of it: meetings, rooms' readiness, incidents, chair switches, quality, inspections, technicians.")
            .Produces<NetworkReport>();
        group.MapGet("/document", DocumentAsync).WithName("GetNetworkReportDocument")
            .WithSummary("The same report as a Word document with charts and a signature block, in Vietnamese.").Produces<Stream>(StatusCodes.Status200OK, Docx);
    }

    static async Task<IResult> ReadAsync(int? year, int? month, ReportReader reader, TimeProvider time, CancellationToken cancellationToken) =>
        Check(year, month, time) is { } invalid ? invalid : TypedResults.Ok(await reader.ReadAsync(new ReportPeriod(year!.Value, month), cancellationToken));

    static async Task<IResult> DocumentAsync(int? year, int? month, ReportReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Check(year, month, time) is { } invalid)
        {
            return invalid;
        }

        NetworkReport report = await reader.ReadAsync(new ReportPeriod(year!.Value, month), cancellationToken);
        return TypedResults.File(ReportDocument.Docx(report, ReportCharts.For(report)), Docx, FileName(report.Period));
    }

    /// <summary>bao-cao-hntt-2026.docx, bao-cao-hntt-2026-11.docx.</summary>
    public static string FileName(ReportPeriod period) => period.Month is { } m ? $"bao-cao-hntt-{period.Year}-{m:00}.docx" : $"bao-cao-hntt-{period.Year}.docx";

    static IResult? Check(int? year, int? month, TimeProvider time)
    {
        int now = time.GetUtcNow().Year;
        return year is null || year < 2018 || year > now ? Problems.Invalid("year", "range", $"'year' từ 2018 đến {now}.")
            : month is < 1 or > 12 ? Problems.Invalid("month", "range", "'month' từ 1 đến 12.")
            : null;
    }
}
