using Hntt.App;
using Hntt.App.Api;
using Hntt.App.Meetings;
using Hntt.App.Timers;
using Hntt.Functions.Durable;
using Hntt.Functions.Http;
using Hntt.Functions.Timers;
using Hntt.TaskHub;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hntt.Functions;

/// <summary>
/// What the Functions app runs: the application layer the local host runs — the meeting services, stores, notices,
/// the relay client, the API's security, limits and endpoints — minus what the Functions host does itself (the durable
/// worker and client, firing the timers).
/// </summary>
public static class FunctionsSetup
{
    /// <summary>Registers the application for the Functions worker. <paramref name="configuration"/> includes host.json.</summary>
    public static IServiceCollection AddHnttFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRouting();
        services.AddTaskHubSettings();
        services.AddSingleton<BoundDurableClient>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<BoundDurableClient>());
        services.AddSingleton<PoisonMessageLog>();
        services.AddMeetings(configuration);
        services.AddApi(configuration);
        services.AddTelemetry(configuration);
        services.AddTimerSchedules();
        services.AddSingleton<IValidateOptions<TimerOptions>, UtcScheduleSettings>();
        services.AddSingleton<ApiFrontDoor>();
        return services;
    }

    /// <summary>Settings as the Functions host reads them: host.json beside the worker, then app settings (environment).</summary>
    public static IConfigurationBuilder AddHostJson(this IConfigurationBuilder configuration) =>
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false).AddEnvironmentVariables("AzureFunctionsJobHost__");
}
