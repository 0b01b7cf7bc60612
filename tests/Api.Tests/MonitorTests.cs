using System.Net;
using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>What load balancers and uptime checks ask: HEAD as well as GET, answered without a sign-in redirect.</summary>
public sealed class MonitorTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    [InlineData("")]
    public async Task HEAD_is_answered_like_GET_without_a_body(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };

        using HttpResponseMessage head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using HttpResponseMessage get = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("site/mtg-1")] // where a room's notice sends its technicians
    [InlineData("meetings/mtg-1")] // where everyone else's notice sends them
    public async Task The_pages_notices_link_to_exist_and_ask_a_stranger_to_sign_in(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };

        using HttpResponseMessage response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
