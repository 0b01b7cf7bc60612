using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hntt.App.Api.Security;

/// <summary>Development tokens signed with <see cref="AuthOptions.SigningKey"/>: for local runs, the demo and tests.</summary>
public static class DevTokens
{
    /// <summary>A token for a demo user with one role, scoped to units (coordinator) or sites (technician).</summary>
    public static string Create(AuthOptions options, string role, IReadOnlyList<string> scope, TimeProvider time, TimeSpan? lifetime = null, string? user = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        DateTime now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user ?? (scope.Count > 0 ? $"{role}@{scope[0]}" : role),
            ["name"] = user ?? (scope.Count > 0 ? $"{role} ({string.Join(", ", scope)})" : role),
            [Roles.RoleClaim] = new[] { role },
        };
        if (scope.Count > 0)
        {
            claims[role == Roles.Technician ? Roles.SiteClaim : Roles.UnitClaim] = scope.ToArray();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
    }
}
