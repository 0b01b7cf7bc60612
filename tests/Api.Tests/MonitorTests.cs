using Hntt.App.Api.Security;
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
    [InlineData("registry?site=th-d-nga-son")] // where DIC's registry notices send them (TH Art. 8.3)
    [InlineData("meetings")] // where digests and the year-end reminder send them
    public async Task The_pages_notices_link_to_exist_and_ask_a_stranger_to_sign_in(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };

        using HttpResponseMessage response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_is_a_page_for_a_signed_in_browser_and_a_problem_for_an_API_client()
    {
        using HttpClient browser = await fixture.Host.PagesAsAsync(Roles.Coordinator, "th-ubnd");
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using HttpClient api = fixture.Host.As(Roles.Coordinator, "th-ubnd");
        api.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using HttpResponseMessage page = await browser.GetAsync("khong-co-trang-nay");
        using HttpResponseMessage problem = await api.GetAsync("api/khong-co");

        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>404 — Không tìm thấy trang — HNTT</title>", html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (problem.StatusCode, problem.Content.Headers.ContentType?.MediaType));
    }

    [Theory]
    [InlineData("openapi/v1.json", "br")]
    [InlineData("openapi/v1.json", "gzip")]
    [InlineData("signin", "gzip")]
    public async Task Responses_are_compressed_for_clients_that_accept_it(string path, string encoding)
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = fixture.Host.Address };
        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, path);
        using var compressedRequest = new HttpRequestMessage(HttpMethod.Get, path);
        compressedRequest.Headers.AcceptEncoding.ParseAdd(encoding);

        using HttpResponseMessage plain = await client.SendAsync(plainRequest);
        using HttpResponseMessage compressed = await client.SendAsync(compressedRequest);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length * 2 < (await plain.Content.ReadAsByteArrayAsync()).Length, "compressed to under half");
    }
}
