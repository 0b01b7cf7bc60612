using System.Globalization;
using System.Net;
using System.Text;
using Hntt.Durable;
using Hntt.Durable.Client;

namespace Hntt.App.Health;

/// <summary>
/// The landing page: the service is up, and how many orchestrations are in each state (counts only; the
/// pages with instance details come with authentication). Vietnamese by default, English with ?lang=en.
/// </summary>
internal static class StatusPage
{
    static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", RenderAsync);
        return routes;
    }

    static async Task<IResult> RenderAsync(DurableTaskClient client, TimeProvider time, string? lang, CancellationToken cancellationToken)
    {
        bool english = lang == "en";
        var counts = new Dictionary<OrchestrationRuntimeStatus, int>();
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1000 }, cancellationToken))
        {
            counts[instance.RuntimeStatus] = counts.GetValueOrDefault(instance.RuntimeStatus) + 1;
        }

        DateTime local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Vietnam).DateTime;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html><html lang="{{(english ? "en" : "vi")}}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>HNTT</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem;color:#111}td,th{padding:.3rem 1rem;text-align:left;border-bottom:1px solid #ccc}</style>
            </head><body><h1>{{(english ? "Video-conference operations" : "Điều hành hội nghị truyền hình trực tuyến")}}</h1>
            <p>{{(english ? "The workflow service is running." : "Dịch vụ điều phối đang hoạt động.")}}
            {{Encode(english ? "Time" : "Thời gian")}}: {{local.ToString("dddd, dd/MM/yyyy HH:mm", english ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN"))}} (GMT+7)</p>
            <table><tr><th>{{(english ? "Orchestration status" : "Trạng thái quy trình")}}</th><th>{{(english ? "Count" : "Số lượng")}}</th></tr>
            """);
        foreach (var (status, count) in counts.OrderBy(c => c.Key))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(Label(status, english))}</td><td>{count}</td></tr>");
        }

        html.Append(counts.Count == 0 ? $"<tr><td colspan=2>{(english ? "None yet" : "Chưa có")}</td></tr>" : string.Empty);
        html.Append("</table></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    static string Label(OrchestrationRuntimeStatus status, bool english) => english ? status.ToString() : status switch
    {
        OrchestrationRuntimeStatus.Running => "Đang chạy",
        OrchestrationRuntimeStatus.Completed => "Hoàn thành",
        OrchestrationRuntimeStatus.Failed => "Lỗi",
        OrchestrationRuntimeStatus.Terminated => "Đã dừng",
        OrchestrationRuntimeStatus.Pending => "Chờ bắt đầu",
        OrchestrationRuntimeStatus.Suspended => "Tạm dừng",
        OrchestrationRuntimeStatus.ContinuedAsNew => "Khởi động lại",
        _ => status.ToString(),
    };

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
