using System.Security.Claims;
using Hntt.App.Api.Security;
using Hntt.App.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hntt.App.Pages;

/// <summary>
/// Sign-in: at the identity provider in production; locally as a demo user or with a pasted development token. The
/// token is kept in the sign-in cookie and carries the user's calls to the API.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class SignInModel(IOptions<AuthOptions> auth, IOptionsMonitor<JwtBearerOptions> jwt, IAuthenticationSchemeProvider schemes, TimeProvider time, Text text) : PageModel
{
    /// <summary>Where to go after signing in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Demo users and pasted tokens are offered (a development key is configured).</summary>
    public bool Development => !string.IsNullOrEmpty(auth.Value.SigningKey);

    /// <summary>The identity provider is configured.</summary>
    public bool Oidc { get; private set; }

    public async Task OnGetAsync() => Oidc = await schemes.GetSchemeAsync(SecuritySetup.OidcScheme) is not null;

    public IActionResult OnPostProvider() =>
        Challenge(new AuthenticationProperties { RedirectUri = Safe(ReturnUrl) ?? "/" }, SecuritySetup.OidcScheme);

    public async Task<IActionResult> OnPostDemoAsync(string user)
    {
        if (!Development || DemoUsers.All.FirstOrDefault(u => u.Key == user) is not { } demo)
        {
            return NotFound();
        }

        return await SignInWithAsync(DevTokens.Create(auth.Value, demo.Role, demo.Scope, time, user: demo.Name));
    }

    public async Task<IActionResult> OnPostTokenAsync(string token) => Development
        ? await SignInWithAsync(token?.Trim() ?? string.Empty)
        : NotFound();

    async Task<IActionResult> SignInWithAsync(string token)
    {
        TokenValidationResultView result = await ValidateAsync(token);
        if (result.Identity is not { } identity)
        {
            Error = text.T("Mã truy cập không hợp lệ hoặc đã hết hạn.", "The token is invalid or has expired.");
            await OnGetAsync();
            return Page();
        }

        var properties = new AuthenticationProperties { IsPersistent = false, ExpiresUtc = result.Expires };
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = token }]);
        await HttpContext.SignInAsync(SecuritySetup.CookieScheme, new ClaimsPrincipal(identity), properties);
        return LocalRedirect(Safe(ReturnUrl) ?? Home(new Caller(new ClaimsPrincipal(identity))));
    }

    async Task<TokenValidationResultView> ValidateAsync(string token)
    {
        var parameters = jwt.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.Clone();
        parameters.AuthenticationType = SecuritySetup.CookieScheme;
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        return validated.IsValid ? new(validated.ClaimsIdentity, (validated.SecurityToken as JsonWebToken)?.ValidTo) : new(null, null);
    }

    sealed record TokenValidationResultView(ClaimsIdentity? Identity, DateTime? Expires);

    /// <summary>Where each kind of user starts.</summary>
    public static string Home(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Roles.Contains(Roles.Technician) ? "/site" : caller.Roles.Contains(Roles.Ops) ? "/ops" : "/meetings";
    }

    // Only a path on this site: Url.IsLocalUrl refuses "//host" and "/\\host", which browsers read as another site.
    string? Safe(string? url) => Url.IsLocalUrl(url) ? url : null;
}
