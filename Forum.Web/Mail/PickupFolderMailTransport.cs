using Forum.Core.Mail;
using Forum.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Forum.Web.Mail;

/// <summary>The embedded default: each message becomes an .eml file in <c>{DataDirectory}/mail</c>.</summary>
public sealed class PickupFolderMailTransport(IOptions<ForumOptions> forum, IOptions<SmtpOptions> smtp) : IMailTransport
{
    public string Folder => Path.Combine(forum.Value.FullDataDirectory, "mail");

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(new Session(Folder, smtp.Value.From));
    }

    private sealed class Session(string folder, string from) : IMailSession
    {
        public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            var name = $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id:D8}.eml";
            var path = Path.Combine(folder, name);
            var temporary = path + ".tmp";
            await MimeMessages.Create(message, from).WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return new SendResult(SendOutcome.Accepted, "written to " + path);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
