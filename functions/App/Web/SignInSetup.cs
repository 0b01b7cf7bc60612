using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Hntt.App.Web;

/// <summary>Production sign-in: OpenID Connect at the configured identity provider (e.g. Microsoft Entra ID), roles from its app roles.</summary>
internal static class SignInSetup
{
    public static void ConfigureOidc(OpenIdConnectOptions oidc, IConfiguration configuration)
    {
        oidc.SignInScheme = Api.Security.SecuritySetup.CookieScheme;
        oidc.Authority = configuration["Auth:Authority"];
        oidc.ClientId = configuration["Auth:ClientId"];
        oidc.ClientSecret = configuration["Auth:ClientSecret"];
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = true; // the access token calls the API on the user's behalf
        oidc.TokenValidationParameters.RoleClaimType = Api.Security.Roles.RoleClaim;
        oidc.TokenValidationParameters.NameClaimType = "name";
        if (configuration["Auth:ApiScope"] is { Length: > 0 } scope)
        {
            oidc.Scope.Add(scope);
        }
    }
}
