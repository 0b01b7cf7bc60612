using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Hntt.App.Api.Security;

/// <summary>JWT bearer authentication and one authorization policy per kind of access.</summary>
internal static class SecuritySetup
{
    public static IServiceCollection AddApiSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
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
        services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in Access.RolesFor)
        {
            services.AddAuthorizationBuilder().AddPolicy(policy, p => p.RequireRole(roles));
        }

        return services;
    }
}
