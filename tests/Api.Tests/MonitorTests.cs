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
}
