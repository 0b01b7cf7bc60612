using System.Text.Json;
using System.Xml;
using Hntt.Testing;

namespace Hntt.Infra.Tests;

/// <summary>The Service Bus the relay transport relies on, as the template builds it (docs/relay.md).</summary>
public sealed class ServiceBusInfraTests
{
    // One compile for the class: the CLI takes seconds per run.
    static readonly Lazy<Task<JsonElement>> Template = new(async () =>
    {
        var build = await Bicep.RunAsync("build", Path.Combine(RepoPaths.Root, "infra", "modules", "servicebus.bicep"), "--stdout");
        Assert.True(build.ExitCode == 0, build.Diagnostics);
        using var template = JsonDocument.Parse(build.Output);
        return template.RootElement.Clone();
    });

    static async Task<JsonElement[]> ResourcesAsync() => [.. (await Template.Value).GetProperty("resources").EnumerateArray()];

    static JsonElement Queue(JsonElement[] resources, string name) =>
        resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces/queues" && r.GetProperty("name").GetString()!.Contains(name, StringComparison.Ordinal))
            .GetProperty("properties");

    [Fact]
    public async Task Commands_queue_per_MCU_sessions_drops_resent_copies_for_longer_than_the_relays_clock_skew_and_dead_letters_what_expires()
    {
        JsonElement[] resources = await ResourcesAsync();
        JsonElement commands = Queue(resources, "relay-commands"), replies = Queue(resources, "relay-replies");

        Assert.True(commands.GetProperty("requiresSession").GetBoolean());
        Assert.True(commands.GetProperty("requiresDuplicateDetection").GetBoolean());
        // A copy sent again within the window is dropped here; after it, the relay refuses it as signed too long before it was queued (5 min).
        Assert.True(XmlConvert.ToTimeSpan(commands.GetProperty("duplicateDetectionHistoryTimeWindow").GetString()!) > TimeSpan.FromMinutes(5));
        Assert.True(commands.GetProperty("deadLetteringOnMessageExpiration").GetBoolean());
        Assert.True(replies.GetProperty("requiresSession").GetBoolean());
        JsonElement sku = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces").GetProperty("sku");
        Assert.Equal("Standard", sku.GetProperty("name").GetString()); // Basic has no sessions
    }

    [Fact]
    public async Task The_service_and_the_relay_each_get_only_the_right_they_need_on_each_queue()
    {
        JsonElement template = await Template.Value;
        JsonElement variables = template.GetProperty("variables");
        Assert.Equal("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", variables.GetProperty("sender").GetString()); // Azure Service Bus Data Sender
        Assert.Equal("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", variables.GetProperty("receiver").GetString()); // Azure Service Bus Data Receiver

        string[] grants = [.. (await ResourcesAsync())
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Select(r => string.Join(' ', r.GetProperty("scope").GetString()!.Split('\'')[^2], r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('\'')[^2],
                r.GetProperty("properties").GetProperty("principalId").GetString()!.Split('\'')[1]))
            .Order()];

        Assert.Equal(["relay-commands receiver relayPrincipalId", "relay-commands sender principalId", "relay-replies receiver principalId", "relay-replies sender relayPrincipalId"], grants);
    }
}
