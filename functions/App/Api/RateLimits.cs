using System.Threading.RateLimiting;
using Hntt.App.Api.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Hntt.App.Api;

/// <summary>
/// Per-user limits on the endpoints people can hammer: meeting submission and the site endpoints
/// (<c>Api:RateLimits:SubmitPerMinute</c>, <c>Api:RateLimits:SitePerMinute</c>). Refusals are 429 problems with Retry-After.
/// </summary>
internal static class RateLimits
{
    public const string Submit = "submit";
    public const string Site = "site";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        return services.AddRateLimiter(limits =>
        {
            int submit = configuration.GetValue("Api:RateLimits:SubmitPerMinute", 30);
            int site = configuration.GetValue("Api:RateLimits:SitePerMinute", 120);
            limits.AddPolicy(Submit, http => PerUser(http, submit));
            limits.AddPolicy(Site, http => PerUser(http, site));
            limits.OnRejected = async (context, cancellationToken) =>
            {
                TimeSpan wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : TimeSpan.FromSeconds(60);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(title: "Quá nhiều yêu cầu (too many requests)", statusCode: StatusCodes.Status429TooManyRequests,
                    detail: $"Thử lại sau {Math.Ceiling(wait.TotalSeconds)} giây (retry after {Math.Ceiling(wait.TotalSeconds)} s).").ExecuteAsync(context.HttpContext);
            };
        });
    }

    static RateLimitPartition<string> PerUser(HttpContext http, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(new Caller(http.User).Id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}

/// <summary>The largest body an endpoint accepts; larger ones are refused with 413 before they are read.</summary>
internal sealed record BodyLimit(long Bytes);

/// <summary>Applies each endpoint's <see cref="BodyLimit"/> (the server-wide limit, <c>Api:MaxBodyBytes</c>, applies to the rest).</summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is { } limit
            && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit.Bytes;
        }

        return next(context);
    }
}
