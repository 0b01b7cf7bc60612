using System.Security.Cryptography;
using Hntt.Relay.Commands;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Hntt.Relay.ServiceBus;
using Hntt.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hntt.Relay.Tests;

/// <summary>The relay on a free loopback port with two simulated MCUs and a caller <c>cloud</c>.</summary>
internal sealed class RelayTestServer : IAsyncDisposable
{
    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    readonly WebApplication app;

    RelayTestServer(WebApplication app, Uri address, string auditPath)
    {
        this.app = app;
        Address = address;
        AuditPath = auditPath;
    }

    public Uri Address { get; }

    public string AuditPath { get; }

    /// <summary>Starts the relay; with <paramref name="bus"/> it also takes commands from that in-memory Service Bus.</summary>
    public static async Task<RelayTestServer> StartAsync(ServiceBus.InMemoryServiceBus? bus = null)
    {
        string audit = Path.Combine(Directory.CreateTempSubdirectory("relay-").FullName, "audit.jsonl");
        WebApplication app = RelayApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Relay:Callers:cloud"] = Convert.ToBase64String(Key),
                ["Relay:Mcus:0:Id"] = "sl-mcu-ppc",
                ["Relay:Mcus:0:SimulatedLatency"] = "00:00:00.020",
                ["Relay:Mcus:1:Id"] = "sl-mcu-vnpt",
                ["Relay:Mcus:1:SimulatedLatency"] = "00:00:00.005",
                ["Relay:Mcus:2:Id"] = "sl-mcu-viettel",
                ["Relay:Mcus:2:SimulatedLatency"] = "00:00:00.005",
                ["Relay:CommandTimeout"] = "00:00:02",
                ["Relay:AuditLogPath"] = audit,
            });
            if (bus is not null)
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Relay:ServiceBus:ListenConnectionString"] = "Endpoint=sb://in-memory.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=dGVzdA==",
                    ["Relay:ServiceBus:SendConnectionString"] = "Endpoint=sb://in-memory.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=dGVzdA==",
                });
                builder.Services.AddSingleton(new RelayServiceBusClients(bus.Client, bus.Client));
            }

            builder.WebHost.UseUrls("http://127.0.0.1:0"); // the system picks a free port as it binds: no parallel test can take it first
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new RelayTestServer(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"), audit);
    }

    /// <summary>A client that signs as <paramref name="caller"/> with <paramref name="key"/> on <paramref name="clock"/>.</summary>
    public HttpClient Client(string caller = "cloud", byte[]? key = null, TimeProvider? clock = null) =>
        new(new RelaySigningHandler(caller, key ?? Key, clock ?? TimeProvider.System) { InnerHandler = new HttpClientHandler() }) { BaseAddress = Address };

    /// <summary>The Service Bus listener, when the relay takes commands from a bus.</summary>
    public CommandQueueListener QueueListener => app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<CommandQueueListener>().Single();

    public SimulatedMcu Mcu(string id) => (SimulatedMcu)app.Services.GetRequiredService<IEnumerable<IMcuDriverRegistration>>().Single(r => r.McuId == id).Driver;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
