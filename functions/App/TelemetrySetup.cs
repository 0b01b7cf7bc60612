using Hntt.Durable.Worker;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hntt.App;

/// <summary>
/// OpenTelemetry for the runtime (orchestration steps, activities, inbox depth), the service (notices, relay latency)
/// and ASP.NET Core and HttpClient. Exported over OTLP when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// which Azure Container Apps sets when its environment forwards to Application Insights); to the console otherwise,
/// unless <c>Telemetry:Console</c> is false.
/// </summary>
internal static class TelemetrySetup
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        bool otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        bool console = !otlp && configuration.GetValue("Telemetry:Console", true);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "hntt-service"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(DurableTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
                else if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DurableTelemetry.Name, AppTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
                else if (console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                }
            });
        return services;
    }
}
