using Hntt.Durable.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Tests;

/// <summary>A worker host (or a client-only one) on a task hub in Azurite, configured as host.json would.</summary>
public sealed class TestHub : IAsyncDisposable
{
    readonly IHost host;

    TestHub(IHost host) => this.host = host;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => host.Services;

    public static Dictionary<string, string?> Settings(string connectionString, string hubName) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["extensions:durableTask:hubName"] = hubName,
        ["extensions:durableTask:storageProvider:partitionCount"] = "4",
        ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.500",
        ["extensions:durableTask:storageProvider:partitionLeaseExpiry"] = "00:00:02",
        ["extensions:durableTask:storageProvider:partitionLeaseRenewalInterval"] = "00:00:00.500",
        ["extensions:durableTask:maxDeliveryAttempts"] = "3",
    };

    public static async Task<TestHub> StartAsync(string connectionString, string hubName, Action<DurableTaskRegistry> register,
        bool runWorker = true, TimeProvider? time = null, Action<Dictionary<string, string?>>? configure = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Dictionary<string, string?> settings = Settings(connectionString, hubName);
        configure?.Invoke(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddDurableTask(register, runWorker);
        IHost host = builder.Build();
        await host.StartAsync();
        return new TestHub(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
