using System.Net;
using Hntt.App.Api.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace Hntt.App.Web;

/// <summary>
/// A refusal or a missing page as a person's browser should show it: a page in Vietnamese (English beneath) with the
/// status and the way on, not a sign-in redirect or problem+json. API clients keep getting RFC 9457 problems.
/// </summary>
internal static class ErrorPage
{
    /// <summary>Status-code pages: HTML for a browser asking for a page, a problem response for everyone else.</summary>
    public static async Task WriteAsync(StatusCodeContext context)
    {
        HttpContext http = context.HttpContext;
        int status = http.Response.StatusCode;
        if (!SecuritySetup.IsApi(http.Request.Path) && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType == "text/html"))
        {
            await WriteAsync(http, status);
        }
        else if (!await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new() { HttpContext = http, ProblemDetails = { Status = status } }))
        {
            await http.Response.WriteAsync($"Status Code: {status}"); // a client that takes neither JSON nor HTML
        }
    }

    /// <summary>The cookie's access-denied event: the signed-in user's role does not open this page.</summary>
    public static Task WriteForbiddenAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context) =>
        WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden);

    static async Task WriteAsync(HttpContext http, int status)
    {
        var (title, text, english) = status switch
        {
            StatusCodes.Status403Forbidden => ("Không có quyền truy cập",
                $"Vai trò của bạn ({string.Join(", ", new Caller(http.User).Roles)}) không được mở trang này. Liên hệ Sở Thông tin và Truyền thông nếu bạn cần quyền.",
                "Forbidden: your role does not open this page."),
            StatusCodes.Status404NotFound => ("Không tìm thấy trang", "Địa chỉ này không có trang nào. Kiểm tra lại đường dẫn, hoặc về trang chủ.",
                "Not found: there is no page at this address."),
            _ => ("Không thực hiện được yêu cầu", "Yêu cầu không thực hiện được. Thử lại, hoặc báo trực vận hành kèm thời điểm.", "The request could not be served."),
        };
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{status} — {title} — HNTT</title>
            <style>body{"{"}font-family:system-ui,sans-serif;margin:2rem;max-width:40rem;color:#111{"}"}a{"{"}color:#0645ad{"}"}</style></head>
            <body><main><h1>{status} — {title}</h1>
            <p>{WebUtility.HtmlEncode(text)}</p>
            <p lang="en">{english}</p>
            <p><a href="/">Về trang chủ</a> · <a href="/signout">Đăng xuất</a></p></main></body></html>
            """);
    }
}
