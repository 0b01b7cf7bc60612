using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hntt.App.Api.Security;

/// <summary>
/// How bearer tokens are checked (section <c>Auth</c>). In production <c>Authority</c> names the identity provider
/// (for Microsoft Entra ID <c>https://login.microsoftonline.com/{tenant}/v2.0</c>) and its keys are fetched from
/// there; for local runs and tests <c>SigningKey</c> is a development key that <c>scripts/token</c> signs with.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>The identity provider's issuer URL (OpenID Connect discovery).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for.</summary>
    public string Audience { get; set; } = "hntt";

    /// <summary>The issuer of development tokens.</summary>
    public string Issuer { get; set; } = "hntt-dev";

    /// <summary>The pages' client id at the identity provider (OpenID Connect sign-in); with <see cref="Authority"/>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The pages' client secret at the identity provider (from Key Vault). Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scope of an access token for this API, requested at sign-in (e.g. <c>api://hntt/.default</c>).</summary>
    public string? ApiScope { get; set; }

    /// <summary>The development signing key (HMAC-SHA256, base64, at least 32 bytes). Never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The key's bytes.</summary>
    public byte[] SigningKeyBytes() => Convert.FromBase64String(SigningKey ?? string.Empty);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Authority) && string.IsNullOrEmpty(SigningKey))
        {
            yield return new ValidationResult("Set Auth:Authority (the identity provider) or, for local runs, Auth:SigningKey (a development key).", [nameof(Authority), nameof(SigningKey)]);
        }
        else if (!string.IsNullOrEmpty(SigningKey) && !IsLongKey(SigningKey))
        {
            yield return new ValidationResult("Auth:SigningKey must be base64 of at least 32 bytes.", [nameof(SigningKey)]);
        }
    }

    static bool IsLongKey(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out int length) && length >= 32;
    }
}

/// <summary>
/// Fails closed: a development signing key lets anyone holding it mint tokens for any role, and turns on the demo users
/// and pasted-token sign-in, so Production refuses it and signs users in at the identity provider only.
/// </summary>
internal sealed class AuthProductionValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        environment.IsProduction() && !string.IsNullOrEmpty(options.SigningKey)
            ? ValidateOptionsResult.Fail("Auth:SigningKey is a development key and is refused in Production: set Auth:Authority (the identity provider) instead.")
            : ValidateOptionsResult.Success;
}
