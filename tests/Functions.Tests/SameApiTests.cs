using System.Text.Json;
using System.Text.Json.Nodes;
using Hntt.Testing.Service;

namespace Hntt.Functions.Tests;

/// <summary>The two front doors describe one API: the Functions app's OpenAPI document is the local host's, operation for operation.</summary>
public sealed class SameApiTests(FunctionsFixture functions) : IClassFixture<FunctionsFixture>
{
    // The document without where it was served from.
    static JsonNode Described(string json)
    {
        JsonNode document = JsonNode.Parse(json)!;
        document.AsObject().Remove("servers");
        return document;
    }

    [Fact]
    public async Task The_Functions_app_serves_the_local_hosts_OpenAPI_document()
    {
        await using var azurite = await Hntt.Testing.AzuriteServer.StartAsync();
        await using ApiHost local = await ApiHost.StartAsync(azurite, "sameapi");
        using HttpClient client = local.Anonymous();
        JsonNode expected = Described(await client.GetStringAsync("openapi/v1.json"));
        JsonNode actual = Described((await functions.App.CallAsync("OpenApiDocument", "GET", "/openapi/v1.json")).Body);

        Assert.True(expected["paths"]!.AsObject().Count >= 35, "the local host describes the API");
        Assert.True(JsonNode.DeepEquals(expected, actual), "the Functions app describes the API differently from the local host");
        // And the refusals read alike: the same problem for a caller without a token.
        using HttpResponseMessage refused = await client.GetAsync("api/meetings");
        JsonElement viaFunctions = (await functions.App.CallAsync("ListMeetings", "GET", "/api/meetings")).Json;
        JsonElement viaLocal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(viaLocal.GetProperty("title").GetString(), viaFunctions.GetProperty("title").GetString());
        Assert.Equal(401, viaFunctions.GetProperty("status").GetInt32());
    }
}
