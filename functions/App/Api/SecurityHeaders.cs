namespace Hntt.App.Api;

/// <summary>
/// Headers every response carries: no page of ours may be framed (the ops terminate and purge forms cannot be clicked
/// through from another site), content types are not sniffed, addresses do not leak to other sites, and behind TLS
/// browsers keep to HTTPS (HSTS, outside Development).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// No framing, no plug-ins, base addresses only on this site. No <c>form-action</c>: browsers apply it to the redirect
    /// after a form too, and the sign-in form's redirect goes to the identity provider.
    /// </summary>
    public const string ContentSecurityPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseHsts(); // only on HTTPS requests, which behind the ingress the forwarded headers make them
        }

        app.Use((context, next) =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
        return app;
    }
}
