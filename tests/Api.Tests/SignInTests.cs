using System.Net;
using System.Text.RegularExpressions;
using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>Sign-in returns only to a path on this site, however the return address is dressed up; every response carries the security headers.</summary>
public sealed partial class SignInTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    async Task<Uri?> SignInReturningToAsync(string returnUrl)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };
        string form = await client.GetStringAsync("signin");
        using HttpResponseMessage response = await client.PostAsync($"signin?handler=Demo&returnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["user"] = "coordinator", ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location;
    }

    [Theory]
    [InlineData("/\\evil.example")] // browsers read "/\" as "//": another site
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_address_off_this_site_is_ignored_for_the_users_home_page(string returnUrl)
    {
        Uri? location = await SignInReturningToAsync(returnUrl);

        Assert.Equal("/meetings", location?.OriginalString);
    }

    [Fact]
    public async Task A_path_on_this_site_is_where_sign_in_returns() =>
        Assert.Equal("/meetings/mtg-1?lang=en", (await SignInReturningToAsync("/meetings/mtg-1?lang=en"))?.OriginalString);

    [Theory]
    [InlineData("signin")]
    [InlineData("healthz")]
    [InlineData("api/meetings")] // refused without a token: the refusal carries them too
    public async Task Every_response_forbids_framing_and_sniffing_and_keeps_addresses_on_this_site(string path)
    {
        using HttpResponseMessage response = await fixture.Host.Anonymous().GetAsync(path);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
