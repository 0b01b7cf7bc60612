using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hntt.App.Notices.Email;

/// <summary>How the official mail server is reached (section <c>Smtp</c>). The password comes from configuration or a secret store and is never logged.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Smtp";

    /// <summary>The mail server.</summary>
    [Required(ErrorMessage = "Smtp:Host is required.")]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Its port (587 for STARTTLS, 465 for TLS, 25 plain).</summary>
    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c> or <c>Tls</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Login, when the server asks for one.</summary>
    public string? UserName { get; set; }

    /// <summary>Password (a secret).</summary>
    public string? Password { get; set; }

    /// <summary>The sender's official address.</summary>
    [Required(ErrorMessage = "Smtp:FromAddress is required."), EmailAddress(ErrorMessage = "Smtp:FromAddress must be an e-mail address.")]
    public string FromAddress { get; set; } = "hntt@example.gov.vn";

    /// <summary>The sender's name.</summary>
    public string FromName { get; set; } = "Hệ thống Hội nghị truyền hình trực tuyến";

    /// <summary>Ops' mailbox: delivery failures are escalated here.</summary>
    public string OpsAddress { get; set; } = "ops@example.gov.vn";

    /// <summary>Where the service's pages are reached, for the link in each notice.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary><c>vi</c> (default) or <c>en</c>.</summary>
    public string Language { get; set; } = "vi";

    /// <summary>Messages sent over one connection at most.</summary>
    [Range(1, 10_000)]
    public int MessagesPerConnection { get; set; } = 500;
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain (local test servers only).</summary>
    None,
    /// <summary>Upgrade with STARTTLS.</summary>
    StartTls,
    /// <summary>TLS from the start.</summary>
    Tls,
}

/// <summary>Fails closed: in Production the mail server must be named, not left at the local default.</summary>
internal sealed class SmtpProductionValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
        environment.IsProduction() && string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.Section}:Host"])
            ? ValidateOptionsResult.Fail("Smtp:Host is required in Production: the official mail server (TH Art. 7.1).")
            : ValidateOptionsResult.Success;
}
