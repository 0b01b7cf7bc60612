using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hntt.App.Notices.Email;

/// <summary>Sends messages; one implementation per transport (SMTP now).</summary>
public interface IMailTransport
{
    /// <summary>Sends the messages, in order, over as few connections as possible; returns how many went out.</summary>
    /// <exception cref="MailTransportException">A failure stopped it; it says how many went out before.</exception>
    Task<int> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit: one connection per batch, STARTTLS or TLS, credentials from configuration.</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    /// <inheritdoc/>
    public async Task<int> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        SmtpOptions smtp = options.Value;
        int sent = 0;
        try
        {
            await SendAllAsync(messages, smtp, () => sent++, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException
            or MailKit.ServiceNotConnectedException or MailKit.ServiceNotAuthenticatedException or AuthenticationException or OperationCanceledException)
        {
            throw new Email.MailTransportException(sent, ex);
        }

        return sent;
    }

    static async Task SendAllAsync(IReadOnlyList<MimeMessage> messages, SmtpOptions smtp, Action onSent, CancellationToken cancellationToken)
    {
        foreach (MimeMessage[] chunk in messages.Chunk(smtp.MessagesPerConnection))
        {
            using var client = new SmtpClient();
            SecureSocketOptions security = smtp.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }

            foreach (MimeMessage message in chunk)
            {
                await client.SendAsync(message, cancellationToken);
                onSent();
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }
    }
}
