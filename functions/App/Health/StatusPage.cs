using System.Globalization;
using Hntt.Domain.Meetings;

namespace Hntt.App.Health;

/// <summary>
/// The landing page: the service is up, the local time, and where to go next (sign in, the API page). It shows no
/// data, since it is anonymous; the API and the pages take a signed-in user. Vietnamese by default, English with ?lang=en.
/// </summary>
internal static class StatusPage
{
    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/", HealthEndpoints.GetOrHead, Render).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    static IResult Render(TimeProvider time, string? lang)
    {
        bool english = lang == "en";
        DateTime local = VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime);
        string now = local.ToString("dddd, dd/MM/yyyy HH:mm", english ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("vi-VN"));
        string html = english
            ? $"""
              <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>HNTT</title>{Style}</head>
              <body><h1>Video-conference operations</h1><p>The workflow service is running. Time: {now} (GMT+7)</p>
              <ul><li><a href="/signin"><strong>Sign in</strong></a> (coordinators, technicians, ops)</li><li><a href="/api/docs">API reference (try it with a token from <code>scripts/token</code>)</a></li><li><a href="/openapi/v1.json">OpenAPI document</a></li>
              <li><a href="/readyz">Readiness</a></li><li><a href="/?lang=vi">Tiếng Việt</a></li></ul></body></html>
              """
            : $"""
              <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>HNTT</title>{Style}</head>
              <body><h1>Điều hành hội nghị truyền hình trực tuyến</h1><p>Dịch vụ điều phối đang hoạt động. Thời gian: {now} (GMT+7)</p>
              <ul><li><a href="/signin"><strong>Đăng nhập</strong></a> (điều phối viên, kỹ thuật viên, vận hành)</li><li><a href="/api/docs">Tài liệu API (dùng thử với mã truy cập từ <code>scripts/token</code>)</a></li><li><a href="/openapi/v1.json">Tài liệu OpenAPI</a></li>
              <li><a href="/readyz">Tình trạng sẵn sàng</a></li><li><a href="/?lang=en">English</a></li></ul></body></html>
              """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    const string Style = "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem;color:#111}a{color:#0645ad}</style>";
}
