using Hntt.App.Api;
using Hntt.App.Health;
using Hntt.App.Demo;
using Hntt.App.Meetings;
using Hntt.App.Timers;
using Hntt.App.Web;

namespace Hntt.App;

/// <summary>Builds the service: the durable runtime and its meeting workflow, timer triggers, the API and probes. Program runs it; tests start it on a free port.</summary>
public static class ServiceApp
{
    /// <summary>The service application; <paramref name="configure"/> lets tests replace settings and services.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application is this assembly, wherever it is started from (tests host it): its pages are found here.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(ServiceApp).Assembly.GetName().Name });

        // Settings as in an Azure Functions app: host.json, then AzureFunctionsJobHost__… environment variables.
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false)
            .AddEnvironmentVariables("AzureFunctionsJobHost__");
        // In Azure the Functions app runs the workflow and fires the timers, and this host is the pages' web app, calling
        // the Functions app's API (Web:ApiBaseUrl). Anywhere else — locally, in a container, on a server — it runs everything.
        bool pagesOnly = builder.Configuration["Web:ApiBaseUrl"] is { Length: > 0 };
        builder.Services.AddMeetingWorkflow(builder.Configuration, runWorker: !pagesOnly);
        if (!pagesOnly)
        {
            builder.Services.AddTimerTriggers();
        }

        builder.Services.AddApi(builder.Configuration);
        builder.Services.AddWebPages();
        builder.Services.AddTelemetry(builder.Configuration);
        builder.Services.AddDemoData();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.UseApi();
        app.MapStatusPage();
        app.MapWebPages();
        return app;
    }
}
