using Hntt.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Hntt.Api.Tests;

/// <summary>Fail closed: production runs with the real relay and mail server, or not at all.</summary>
public sealed class ProductionSettingsTests
{
    [Fact]
    public async Task In_Production_the_service_refuses_to_start_without_a_relay_or_a_mail_server_or_with_a_development_key_and_names_the_keys()
    {
        WebApplication app = ServiceApp.Build(["--environment", "Production", "--Telemetry:Console=false"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["Auth:SigningKey"] = Convert.ToBase64String(new byte[32]), // what turns on demo users and pasted tokens elsewhere
            }));

        Exception refused = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        string said = refused is AggregateException all ? string.Join('\n', all.InnerExceptions.Select(e => e.Message)) : refused.Message;
        Assert.Contains("RelayClient:BaseUrl is required in Production", said, StringComparison.Ordinal);
        Assert.Contains("Smtp:Host is required in Production", said, StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKey is a development key and is refused in Production", said, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Outside_Production_a_relay_address_without_its_key_is_refused_naming_the_key()
    {
        WebApplication app = ServiceApp.Build(["--environment", "Development", "--Telemetry:Console=false"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["RelayClient:BaseUrl"] = "https://relay.example.gov.vn/",
            }));

        Exception refused = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("RelayClient:Key", refused.ToString(), StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}
