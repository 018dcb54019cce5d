using System.Net.Sockets;
using Forum.Core.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Forum.Web.Mail;

/// <summary>
/// MailKit over SMTP: up to <see cref="SmtpOptions.Connections"/> connections per batch, one SMTP transaction per
/// outbox row (one recipient each).
/// </summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : Forum.Core.Mail.IMailTransport
{
    public int Sessions => Math.Max(1, options.Value.Connections);

    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        var session = new Session(options.Value);
        try
        {
            await session.ConnectAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(SmtpOptions options) : IMailSession
    {
        private readonly SmtpClient _client = new() { Timeout = options.TimeoutSeconds * 1000 };

        public async Task ConnectAsync(CancellationToken cancellationToken)
        {
            var security = !options.UseTls ? SecureSocketOptions.None
                : options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            var host = options.Host ?? throw new InvalidOperationException("Forum:Smtp:Host is not set.");
            await _client.ConnectAsync(host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await _client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken);
            }
        }

        public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            // Built first: a message MimeKit refuses (a malformed address) throws before the server hears of it.
            var mime = MimeMessages.Create(message, options.From);
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(cancellationToken);
                }

                var response = await _client.SendAsync(mime, cancellationToken);
                return new SendResult(SendOutcome.Accepted, response);
            }
            catch (SmtpCommandException exception)
            {
                var code = (int)exception.StatusCode;
                var answer = $"{code} {exception.Message}";
                return new SendResult(code >= 500 ? SendOutcome.Permanent : SendOutcome.Transient, answer);
            }
            catch (Exception exception) when (exception is SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
                                                  or AuthenticationException or SslHandshakeException or IOException or SocketException or TimeoutException)
            {
                return new SendResult(SendOutcome.Unreachable, exception.GetType().Name + ": " + exception.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Something about this message went wrong mid-transaction: start the next one on a fresh connection,
                // so a half-finished SMTP transaction cannot spoil a good message. The caller records the error.
                await DropConnectionAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await DropConnectionAsync();
            _client.Dispose();
        }

        private async Task DropConnectionAsync()
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or SmtpProtocolException or SmtpCommandException or TimeoutException)
            {
                // The messages are already recorded; a failed QUIT changes nothing.
            }
        }
    }
}
