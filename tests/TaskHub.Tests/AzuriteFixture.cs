using Hntt.Testing;

namespace Hntt.TaskHub.Tests;

/// <summary>One private Azurite for a test class; each test takes its own task hub in it.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    AzuriteServer? server;
    int hubs;

    public string ConnectionString => server!.ConnectionString;

    /// <summary>A hub name no other test uses.</summary>
    public string NewHubName(string prefix = "t") => $"{prefix}{Interlocked.Increment(ref hubs)}x{Guid.NewGuid():N}"[..20];

    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
