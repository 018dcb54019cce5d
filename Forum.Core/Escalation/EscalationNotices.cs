using Forum.Core.Mail;

namespace Forum.Core.Escalation;

/// <summary>Whom an escalation claims to have told, in the words the timeline uses.</summary>
public enum EscalationAudience
{
    /// <summary>HQ's own recipients (customer relations, executives): "reported to headquarters".</summary>
    Headquarters,

    /// <summary>The local company's head: "the company head was told" (solution rung, group complaint).</summary>
    CompanyHead,
}

/// <summary>Where telling one audience stands.</summary>
public enum NoticeState
{
    /// <summary>Its mail waits to be accepted (queued, or tried and deferred): "reporting…".</summary>
    Telling,

    /// <summary>The mail server accepted a message to one of its recipients.</summary>
    Told,

    /// <summary>Every message to it was refused for good: not told, and someone must act.</summary>
    Refused,

    /// <summary>Nobody of that audience was configured when the rung escalated: not told.</summary>
    NoRecipient,
}

/// <summary>Where telling an audience about one escalation stands; <see cref="ToldAt"/> is when the first message was accepted.</summary>
public sealed record AudienceNotice(EscalationAudience Audience, NoticeState State, DateTime? ToldAt);

/// <summary>One outbox row written by an escalation, as the proof of who was told (stored role, status, acceptance time).</summary>
public sealed record EscalationDelivery(EscalationRung Rung, int Cycle, string? RecipientRole, string Status, DateTime? SentAt);

/// <summary>Reads the outbox rows of a thread's escalations (the proof behind "reported to headquarters at …").</summary>
public interface IEscalationNoticeReader
{
    Task<IReadOnlyList<EscalationDelivery>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The one rule for what the site may say about an escalation (DESIGN.md, "the site never claims something happened
/// that didn't"): an audience counts as told only once the mail server accepted a message to one of its recipients;
/// until then it is being told, and a refused message never reads as told.
/// </summary>
public static class EscalationNotices
{
    /// <summary>The audiences a rung's timeline line names (rung 1 reports to HQ; the others also name the company head).</summary>
    public static IReadOnlyList<EscalationAudience> AudiencesOf(EscalationRung rung) => rung switch
    {
        EscalationRung.FirstResponse => [EscalationAudience.Headquarters],
        _ => [EscalationAudience.Headquarters, EscalationAudience.CompanyHead],
    };

    public static IReadOnlyList<AudienceNotice> Of(EscalationKey key, IEnumerable<EscalationDelivery> deliveries)
    {
        var rows = deliveries.Where(d => d.Rung == key.Rung && d.Cycle == key.Cycle).ToList();
        return AudiencesOf(key.Rung).Select(audience => Notice(audience, rows.Where(r => AudienceOf(r.RecipientRole) == audience).ToList())).ToList();
    }

    /// <summary>When headquarters was told about an escalation, or null while it is not (yet).</summary>
    public static DateTime? HeadquartersToldAt(EscalationKey key, IEnumerable<EscalationDelivery> deliveries) =>
        Of(key, deliveries).Single(n => n.Audience == EscalationAudience.Headquarters).ToldAt;

    /// <summary>Where telling headquarters about an escalation stands.</summary>
    public static NoticeState HeadquartersState(EscalationKey key, IEnumerable<EscalationDelivery> deliveries) =>
        Of(key, deliveries).Single(n => n.Audience == EscalationAudience.Headquarters).State;

    private static EscalationAudience? AudienceOf(string? role) =>
        NotificationRoles.IsHeadquarters(role) ? EscalationAudience.Headquarters
        : role == nameof(RecipientRole.CompanyHead) ? EscalationAudience.CompanyHead
        : null;

    private static AudienceNotice Notice(EscalationAudience audience, IReadOnlyList<EscalationDelivery> rows)
    {
        var accepted = rows.Where(r => r.Status == nameof(OutboxStatus.Sent) && r.SentAt is not null).Select(r => r.SentAt!.Value).ToList();
        if (accepted.Count > 0)
        {
            return new AudienceNotice(audience, NoticeState.Told, accepted.Min());
        }

        var state = rows.Count == 0 ? NoticeState.NoRecipient
            : rows.All(r => r.Status == nameof(OutboxStatus.Failed)) ? NoticeState.Refused
            : NoticeState.Telling;
        return new AudienceNotice(audience, state, null);
    }
}
