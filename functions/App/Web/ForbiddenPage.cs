using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hntt.App.Web;

/// <summary>A page the signed-in user's role does not open: 403 with why, in Vietnamese and English, not a redirect.</summary>
internal static class ForbiddenPage
{
    public static async Task WriteAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        string roles = string.Join(", ", new Api.Security.Caller(context.HttpContext.User).Roles);
        await context.Response.WriteAsync($"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403 — Không có quyền</title>
            <style>body{"{"}font-family:system-ui,sans-serif;margin:2rem;max-width:40rem;color:#111{"}"}a{"{"}color:#0645ad{"}"}</style></head>
            <body><main><h1>403 — Không có quyền truy cập</h1>
            <p>Vai trò của bạn ({WebUtility.HtmlEncode(roles)}) không được mở trang này. Liên hệ Sở Thông tin và Truyền thông nếu bạn cần quyền.</p>
            <p lang="en">Forbidden: your role does not open this page.</p>
            <p><a href="/">Về trang chủ</a> · <a href="/signout">Đăng xuất</a></p></main></body></html>
            """);
    }
}
