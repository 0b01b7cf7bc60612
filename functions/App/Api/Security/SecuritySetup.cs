using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Hntt.App.Api.Security;

/// <summary>
/// Who is calling: the API and the runtime endpoints take bearer tokens only (so a browser's cookie can never be
/// replayed against them); the pages take the sign-in cookie, made from a development token locally or from the
/// identity provider's sign-in (OpenID Connect) in production. One authorization policy per kind of access serves both.
/// </summary>
internal static class SecuritySetup
{
    public const string CookieScheme = "Cookies";
    public const string OidcScheme = "oidc";
    const string BySurface = "by-surface";

    /// <summary>The paths that take bearer tokens.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/runtime") || path.StartsWithSegments("/openapi");

    public static IServiceCollection AddApiSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthProductionValidator>();
        services.AddAuthentication(o => o.DefaultScheme = BySurface)
            .AddPolicyScheme(BySurface, null, o => o.ForwardDefaultSelector = http => IsApi(http.Request.Path) ? JwtBearerDefaults.AuthenticationScheme : CookieScheme)
            .AddJwtBearer()
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "hntt";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.LoginPath = "/signin";
                cookie.Events.OnRedirectToAccessDenied = Web.ErrorPage.WriteForbiddenAsync;
            });
        if (configuration["Auth:ClientId"] is { Length: > 0 })
        {
            // Production sign-in at the identity provider; its access token then calls the API for the pages.
            services.AddAuthentication().AddOpenIdConnect(OidcScheme, oidc => Web.SignInSetup.ConfigureOidc(oidc, configuration));
        }
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, time) =>
        {
            AuthOptions settings = auth.Value;
            jwt.MapInboundClaims = false; // keep "roles", "units", "sites" and "sub" as the token names them
            jwt.TimeProvider = time;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                RoleClaimType = Roles.RoleClaim,
                NameClaimType = "name",
                ValidAudience = settings.Audience,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            if (!string.IsNullOrEmpty(settings.Authority))
            {
                jwt.Authority = settings.Authority;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = settings.Issuer;
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(settings.SigningKeyBytes());
            }
        });
        // Nothing is anonymous unless it says so (health, the landing page, the OpenAPI document and page, sign-in).
        var authorization = services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in Access.RolesFor)
        {
            authorization.AddPolicy(policy, p => p.RequireRole(roles));
        }

        return services;
    }
}
