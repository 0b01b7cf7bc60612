using Hntt.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hntt.TaskHub.Tests;

/// <summary>A worker host (or a client-only one) on a task hub in Azurite, configured as host.json would.</summary>
public sealed class TestHub : IAsyncDisposable
{
    readonly IHost host;

    TestHub(IHost host) => this.host = host;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => host.Services;

    /// <summary>Four partitions, and short polling, visibility and leases, so that takeovers and pickups happen within a test's patience.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string hubName) => new(QuickRecovery.Settings)
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["extensions:durableTask:hubName"] = hubName,
        ["extensions:durableTask:storageProvider:partitionCount"] = "4",
    };

    public static async Task<TestHub> StartAsync(string connectionString, string hubName, Action<DurableTaskRegistry> register,
        bool runWorker = true, Action<Dictionary<string, string?>>? configure = null, ILoggerProvider? logs = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Dictionary<string, string?> settings = Settings(connectionString, hubName);
        configure?.Invoke(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddDurableTaskHub(register, runWorker);
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
