using System.Globalization;
using System.Security.Cryptography;
using Forum.Core.Escalation;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Forum.Web.Escalation;

/// <summary>
/// The signed "received" link in an escalation mail to HQ: a time-limited Data Protection token naming the thread, the
/// rung and cycle, and the recipient. It cannot be forged or altered without the site's keys (shared by every node),
/// and it expires after <see cref="Lifetime"/>. Using it twice is harmless: the repository records one acknowledgement.
/// </summary>
public sealed class AcknowledgementLinks(IDataProtectionProvider protection, IOptions<ForumOptions> forum)
{
    public const string Path = "/escalations/acknowledge";

    /// <summary>Long enough for a report read after a holiday, short enough that an old mail stops working.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    // Made once: a protector finds the current key itself on each use (keys roll over without a new protector).
    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("Forum.Escalation.Acknowledge.v1").ToTimeLimitedDataProtector();

    public string Token(AcknowledgementRequest request, DateTime now) =>
        protector.Protect(
            string.Join(':', request.ThreadId.ToString(CultureInfo.InvariantCulture), request.Rung, request.Cycle.ToString(CultureInfo.InvariantCulture), request.RecipientId.ToString(CultureInfo.InvariantCulture)),
            new DateTimeOffset(now + Lifetime, TimeSpan.Zero));

    public string UrlFor(AcknowledgementRequest request, DateTime now) =>
        forum.Value.PublicBaseUrl.TrimEnd('/') + Path + "?token=" + Uri.EscapeDataString(Token(request, now));

    /// <summary>What a token names, or null when it was altered, made with other keys, or has expired.</summary>
    public AcknowledgementRequest? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split(':');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var threadId)
            && Enum.TryParse<EscalationRung>(parts[1], out var rung)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var cycle)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var recipientId)
            ? new AcknowledgementRequest(threadId, rung, cycle, recipientId)
            : null;
    }
}

/// <summary>What the acknowledgement page calls: reads the token, shows the escalation, records the acknowledgement.</summary>
public sealed class AcknowledgementService(AcknowledgementLinks links, IAcknowledgementRepository repository, TimeProvider time)
{
    public async Task<AcknowledgementView?> FindAsync(string? token, CancellationToken cancellationToken = default) =>
        links.Read(token) is { } request ? await repository.FindAsync(request, cancellationToken) : null;

    /// <summary>Null when the token is not valid (altered or expired).</summary>
    public async Task<(AcknowledgeOutcome Outcome, DateTime? At)?> AcknowledgeAsync(string? token, CancellationToken cancellationToken = default) =>
        links.Read(token) is { } request ? await repository.AcknowledgeAsync(request, time.GetUtcNow().UtcDateTime, cancellationToken) : null;

    public bool IsValid(string? token) => links.Read(token) is not null;
}
