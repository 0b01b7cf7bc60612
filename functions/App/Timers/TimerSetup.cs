using Microsoft.Extensions.Options;

namespace Hntt.App.Timers;

/// <summary>Registers the timer triggers declared in host.json.</summary>
internal static class TimerSetup
{
    public static IServiceCollection AddTimerTriggers(this IServiceCollection services)
    {
        services.AddTimerSchedules();
        services.AddSingleton(sp => sp.GetRequiredService<Hntt.TaskHub.StorageConnection>().Blobs());
        services.AddSingleton<TimerScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
        return services;
    }

    /// <summary>The schedules alone, checked at start (the Functions app's host fires them itself).</summary>
    public static IServiceCollection AddTimerSchedules(this IServiceCollection services)
    {
        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimerOptions>, TimerOptionsValidator>();
        return services;
    }
}
