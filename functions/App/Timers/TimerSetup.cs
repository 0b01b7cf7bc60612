using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Hntt.App.Timers;

/// <summary>Registers the timer triggers declared in host.json.</summary>
internal static class TimerSetup
{
    public static IServiceCollection AddTimerTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimerOptions>, TimerOptionsValidator>();
        services.AddSingleton(_ => new BlobServiceClient(configuration[configuration["extensions:durableTask:storageProvider:connectionStringName"] ?? "AzureWebJobsStorage"]));
        services.AddSingleton<TimerScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
        return services;
    }
}
