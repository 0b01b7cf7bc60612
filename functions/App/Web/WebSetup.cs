using Hntt.App.Api.Security;

namespace Hntt.App.Web;

/// <summary>The pages: Razor Pages on the API, each folder behind the policy of the work it serves.</summary>
internal static class WebSetup
{
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Meetings", Access.ReadMeetings);
            pages.Conventions.AuthorizePage("/Meetings/New", Access.ManageMeetings);
            pages.Conventions.AuthorizeFolder("/Chair", Access.ReadChair);
            pages.Conventions.AuthorizeFolder("/Site", Access.SiteWork);
            pages.Conventions.AuthorizeFolder("/Ops", Access.ReadRuntime);
            pages.Conventions.AuthorizeFolder("/Registry", Access.ReadRegistry);
            pages.Conventions.AuthorizePage("/Ops/Audit", Access.ReadAudit);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        });
        // Vietnamese is written as itself, not as &#x...; entities: pages stay readable and a third smaller.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<Text>();
        services.AddHttpClient<ApiClient>();
        return services;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        // ?lang=en (or vi) is remembered for the next pages.
        app.Use(async (context, next) =>
        {
            if (context.Request.Query["lang"].FirstOrDefault() is "en" or "vi" && !Api.Security.SecuritySetup.IsApi(context.Request.Path))
            {
                context.Response.Cookies.Append("lang", context.Request.Query["lang"]!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            }

            await next(context);
        });
        app.MapRazorPages();
        return app;
    }
}
