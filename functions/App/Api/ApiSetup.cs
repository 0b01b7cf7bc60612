using Hntt.App.Api.Inspections;
using Hntt.App.Api.Reports;
using System.Text.Json.Serialization;
using Hntt.App.Api.Audit;
using Hntt.App.Api.Meetings;
using Hntt.App.Api.Registry;
using Hntt.App.Api.Runtime;
using Hntt.App.Api.Security;
using Hntt.App.Health;
using Scalar.AspNetCore;

namespace Hntt.App.Api;

/// <summary>The HTTP API: security, limits, problem responses, audit, OpenAPI, and every feature's endpoints.</summary>
internal static class ApiSetup
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApiSecurity(configuration);
        services.AddApiRateLimits(configuration);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemFields.Complete);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddHttpContextAccessor();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so BadRequestHandler can name the field
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.SerializerOptions.RespectNullableAnnotations = true;
            json.SerializerOptions.RespectRequiredConstructorParameters = true;
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k =>
            k.Limits.MaxRequestBodySize = configuration.GetValue<long>("Api:MaxBodyBytes", 1024 * 1024));
        // Behind Container Apps' ingress TLS ends at the proxy: trust its X-Forwarded-* so links and sign-in redirects are https.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        // Pages and JSON shrink several times (the meeting page of a 500-room meeting, the OpenAPI document). Over TLS too:
        // the secrets on a page (antiforgery tokens) are fresh on every response, which leaves BREACH nothing to guess.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "application/problem+json"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddSingleton<AuditLog>();
        services.AddScoped<SiteContext>();
        services.AddApiDescription();
        return services;
    }

    /// <summary>The API in this host: its middleware, then its endpoints beside the pages'.</summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseApiMiddleware();
        app.MapApi();
        return app;
    }

    /// <summary>
    /// The middleware in order: compression, security headers, problems for errors, routing, who is calling, the audit
    /// of what they change, what they may do, limits. Both front doors run it: this host before its pages, the Functions
    /// app around the same endpoints (its HTTP triggers hand each request to this pipeline).
    /// </summary>
    public static IApplicationBuilder UseApiMiddleware(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseResponseCompression();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(Web.ErrorPage.WriteAsync); // 401, 403, 404 and 405 without a body: problem responses, or a page for a browser
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthorization();
        app.UseRouteIdCheck();
        app.UseRateLimiter();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }

    /// <summary>Every endpoint of the API, the probes and the OpenAPI document: the one table both front doors serve.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        // The page's fonts and telemetry would come from the internet: it uses the browser's own fonts and reports nothing.
        routes.MapScalarApiReference("/api/docs", o => o.WithTitle("HNTT API").DisableDefaultFonts().DisableTelemetry()).AllowAnonymous();
        routes.MapHealthEndpoints();
        RouteGroupBuilder api = routes.MapGroup("").WithProblemResponses();
        api.MapMeetingEndpoints();
        api.MapSiteEndpoints();
        api.MapChairEndpoints();
        api.MapNoticeEndpoints();
        api.MapRegistryEndpoints();
        api.MapInspectionEndpoints();
        api.MapReportEndpoints();
        api.MapRuntimeEndpoints();
        api.MapAuditEndpoints();
        return routes;
    }
}
