using System.Diagnostics;
using Hntt.App.Api.Security;

namespace Hntt.App.Api.Audit;

/// <summary>
/// Records every mutating request of a signed-in caller to the API and the runtime management endpoints, allowed or
/// not. Requests without a valid token changed nothing and are refused: they are counted (<c>hntt.api.unauthenticated</c>),
/// never written, so anonymous floods cost no storage.
/// </summary>
internal sealed partial class AuditMiddleware(RequestDelegate next, AuditLog log, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            || !(context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/runtime")))
        {
            await next(context);
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            AppTelemetry.UnauthenticatedRequest(context.Request.Method);
            await next(context);
            return;
        }

        long started = time.GetTimestamp();
        DateTime at = time.GetUtcNow().UtcDateTime;
        int? failedWith = null;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad)
        {
            failedWith = bad.StatusCode; // answered by the exception handler further out
            throw;
        }
        catch (Exception)
        {
            failedWith = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            var caller = new Caller(context.User);
            int status = failedWith ?? context.Response.StatusCode;
            string outcome = status switch
            {
                StatusCodes.Status401Unauthorized => "unauthenticated",
                StatusCodes.Status403Forbidden => "forbidden",
                StatusCodes.Status429TooManyRequests => "throttled",
                < 400 => "succeeded",
                < 500 => "refused",
                _ => "failed",
            };
            var entry = new AuditEntry(at, caller.Id, [.. caller.Roles], context.Request.Method, context.Request.Path.Value ?? "/", status, outcome,
                time.GetElapsedTime(started).TotalMilliseconds, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            try
            {
                await log.AppendAsync(entry, CancellationToken.None);
            }
            catch (Azure.RequestFailedException ex)
            {
                AuditFailed(logger, entry.Method, entry.Target, ex.ErrorCode);
            }
        }
    }

    [LoggerMessage(2000, LogLevel.Error, "Audit entry for {Method} {Target} could not be written: {Reason}")]
    static partial void AuditFailed(ILogger logger, string method, string target, string? reason);
}
