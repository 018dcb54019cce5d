using Forum.Core.Companies;
using Forum.Core.Mail;

namespace Forum.Core.Escalation;

/// <summary>A person told about escalations: a name, an address and the language they read.</summary>
public sealed record Recipient(long Id, long CompanyId, RecipientRole Role, string Name, string Email, string Language)
{
    /// <summary>One of HQ's recipients (set when the ladder picks recipients): their mail carries the "received" link.</summary>
    public bool AtHeadquarters { get; init; }
}

/// <summary>The facts of a thread an escalation e-mail names.</summary>
public sealed record EscalationSubject
{
    public required long ThreadId { get; init; }
    public string Number => Complaints.ThreadNumber.Format(ThreadId);
    public required string Title { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required LocalizedName CompanyName { get; init; }
    public required LocalizedName ProjectName { get; init; }
    public required LocalizedName CategoryName { get; init; }
    public required int CoSignCount { get; init; }

    /// <summary>The complaint's text as stored (staff see it whole).</summary>
    public string Body { get; init; } = "";

    /// <summary>
    /// The first lines a mail quotes, with personal data masked as on the public page: an escalation mail travels
    /// further (executives, forwards) than the staff page does.
    /// </summary>
    public string Excerpt => Notifications.MailExcerpt.Of(Complaints.PersonalDataMasker.Mask(Body));
}

/// <summary>An escalation that happened: the proof that a rung ran out and who was told.</summary>
public sealed record EscalationRecord(long Id, long ThreadId, EscalationRung Rung, int Cycle, DateTime DueAt, DateTime EscalatedAt, int RecipientCount);

/// <summary>Writes one localized message per recipient of an escalation (the web layer owns the wording).</summary>
public interface IEscalationMessageComposer
{
    OutgoingMessage Compose(EscalationSubject subject, RungClock clock, DateTime now, Recipient recipient);
}

/// <summary>A thread the sweep could not escalate, and why; it is looked at again after a pause.</summary>
public sealed record SweepFailure(long ThreadId, Exception Error);

/// <summary>What a sweep did.</summary>
public sealed record SweepResult(int ThreadsExamined, int Escalations, int Messages, IReadOnlyList<SweepFailure>? Failures = null);

/// <summary>
/// The escalation ladder's storage. The contract that makes "exactly once" hold across sweeps and nodes:
/// <see cref="EscalateAsync"/> writes each escalation row and its outbox rows in one transaction, and a unique key on
/// (thread, rung, cycle) turns a second attempt into a no-op.
/// </summary>
public interface IEscalationRepository
{
    /// <summary>Threads whose EscalationDueAt has passed, soonest first, through an index (cost follows the number due).</summary>
    Task<IReadOnlyList<long>> ListDueThreadIdsAsync(DateTime now, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Escalates whatever is due on the thread now, in one transaction: escalation rows, one outbox row per recipient,
    /// the group-complaint flag, and the thread's next check time. Returns the escalations written (none when another
    /// sweep got there first or nothing was due).
    /// </summary>
    Task<IReadOnlyList<EscalationRecord>> EscalateAsync(
        long threadId, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="EscalateAsync"/> for several due threads at once, in one transaction where the store allows it: all
    /// of them or none (a failure leaves nothing written, and the caller may go one by one). Returns the escalations
    /// written. Without a batch of its own, a store escalates them one at a time.
    /// </summary>
    async Task<IReadOnlyList<EscalationRecord>> EscalateBatchAsync(
        IReadOnlyList<long> threadIds, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default)
    {
        var written = new List<EscalationRecord>();
        foreach (var threadId in threadIds)
        {
            written.AddRange(await EscalateAsync(threadId, now, policy, composer, cancellationToken));
        }

        return written;
    }

    /// <summary>Moves the thread's next check to <paramref name="until"/> (after a failure, so one bad thread cannot block the others).</summary>
    Task PostponeAsync(long threadId, DateTime until, CancellationToken cancellationToken = default);

    /// <summary>The thread's escalations, oldest first (for the public timeline).</summary>
    Task<IReadOnlyList<EscalationRecord>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>The ladder state of a visible thread, or null.</summary>
    Task<EscalationState?> FindStateAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the policy's schedule on threads that have none yet (a database from before schedules were stored),
    /// with the outcomes their history shows. Run at start-up; returns how many.
    /// </summary>
    Task<int> StoreMissingSchedulesAsync(EscalationPolicy policy, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Active recipients of a company (use the HQ company's id for HQ recipients).</summary>
    Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long companyId, CancellationToken cancellationToken = default);
}
