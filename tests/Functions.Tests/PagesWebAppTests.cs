using Hntt.App;
using Hntt.App.Timers;
using Hntt.TaskHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hntt.Functions.Tests;

/// <summary>In Azure the local host is the pages' web app: with the Functions app's address it runs no worker and fires no timers.</summary>
public sealed class PagesWebAppTests
{
    static IReadOnlyList<Type> HostedServices(WebApplication app) => [.. app.Services.GetServices<IHostedService>().Select(s => s.GetType())];

    [Fact]
    public async Task With_the_Functions_apps_address_the_host_serves_pages_without_a_worker_or_timers()
    {
        await using WebApplication pages = ServiceApp.Build(["--environment", "Test", "--AzureWebJobsStorage=UseDevelopmentStorage=true", "--Web:ApiBaseUrl=https://func-hntt-thanhhoa.azurewebsites.net/"]);
        await using WebApplication whole = ServiceApp.Build(["--environment", "Test", "--AzureWebJobsStorage=UseDevelopmentStorage=true"]);

        Assert.Null(pages.Services.GetService<TaskHubWorkerHost>());
        Assert.DoesNotContain(typeof(TimerScheduler), HostedServices(pages));
        Assert.NotNull(whole.Services.GetService<TaskHubWorkerHost>());
        Assert.Contains(typeof(TimerScheduler), HostedServices(whole));
    }
}
