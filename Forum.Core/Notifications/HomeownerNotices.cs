using Forum.Core.Companies;
using Forum.Core.Complaints;

namespace Forum.Core.Notifications;

/// <summary><c>Forum:Notifications:*</c>: how homeowner mail is gathered.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Forum:Notifications";

    /// <summary>
    /// Acts on one complaint within this time of its first unsent one go out as one mail: the first is held until
    /// the window has passed. Zero sends each act on its own, at the next run.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMinutes(3);
}

/// <summary>An act on a complaint that a homeowner may be told about, read from the record (thread events).</summary>
public sealed record HomeownerEvent
{
    public required long EventId { get; init; }
    public required long ThreadId { get; init; }
    public string Number => ThreadNumber.Format(ThreadId);
    public required string ThreadTitle { get; init; }
    public required ThreadEventKind Kind { get; init; }
    public required DateTime At { get; init; }

    /// <summary>The company that answered (official reply, solution, closing, waiting) or owns the complaint.</summary>
    public required LocalizedName CompanyName { get; init; }

    /// <summary>The reply or solution (its post), the closing summary, or what staff ask for while waiting.</summary>
    public string? Text { get; init; }

    public long? PostId { get; init; }

    /// <summary>The post was hidden by moderation after the act: nobody is mailed its text.</summary>
    public bool PostHidden { get; init; }

    /// <summary>For a merge: the complaint it now lives in.</summary>
    public long? RelatedThreadId { get; init; }

    /// <summary>For a move: the project before and after.</summary>
    public LocalizedName? FromProject { get; init; }

    public LocalizedName? ToProject { get; init; }

    /// <summary>What the public page shows: personal data typed into the title or the text is masked.</summary>
    public HomeownerEvent Masked() => this with
    {
        ThreadTitle = PersonalDataMasker.Mask(ThreadTitle),
        Text = Text is null ? null : PersonalDataMasker.Mask(Text),
    };
}

/// <summary>
/// Who hears of which act (DESIGN.md, "Who is told, when"), and how acts are gathered into one mail. The author hears
/// of official replies, solutions, waiting, closing, merge and move; co-signers and followers of official replies,
/// solutions and closing. Each kind has its switch on the account page.
/// </summary>
public static class HomeownerNotices
{
    /// <summary>The acts of the record that lead to homeowner mail.</summary>
    public static readonly IReadOnlyList<ThreadEventKind> Kinds =
    [
        ThreadEventKind.OfficialReply, ThreadEventKind.SolutionProposed, ThreadEventKind.AwaitingHomeowner,
        ThreadEventKind.Closed, ThreadEventKind.MergedInto, ThreadEventKind.Moved,
    ];

    /// <summary>The switch (<see cref="NotificationKinds"/>) that governs mail about an act.</summary>
    public static string SwitchOf(ThreadEventKind kind) => kind switch
    {
        ThreadEventKind.OfficialReply => NotificationKinds.OfficialReply,
        ThreadEventKind.SolutionProposed => NotificationKinds.Solution,
        ThreadEventKind.AwaitingHomeowner => NotificationKinds.Waiting,
        ThreadEventKind.Closed => NotificationKinds.Closed,
        ThreadEventKind.MergedInto => NotificationKinds.Merged,
        ThreadEventKind.Moved => NotificationKinds.Moved,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an act homeowners are told of"),
    };

    /// <summary>Whether someone in this role (<see cref="Mail.NotificationRoles"/>) hears of this kind of act at all.</summary>
    public static bool Hears(string role, ThreadEventKind kind) =>
        role == Mail.NotificationRoles.Author
            ? Kinds.Contains(kind)
            : kind is ThreadEventKind.OfficialReply or ThreadEventKind.SolutionProposed or ThreadEventKind.Closed;

    /// <summary>The acts of a batch this recipient is told of: by role, by their switches, and never a hidden post.</summary>
    public static IReadOnlyList<HomeownerEvent> For(HomeownerRecipient recipient, IReadOnlyList<HomeownerEvent> batch) =>
        batch.Where(e => !e.PostHidden
                         && Hears(recipient.Recipient.Role, e.Kind)
                         && !recipient.DisabledKinds.Contains(SwitchOf(e.Kind)))
            .ToList();

    /// <summary>The first unsent act is held until the window since it has passed.</summary>
    public static bool IsDue(DateTime firstUnsentAt, TimeSpan window, DateTime now) => now >= firstUnsentAt + window;

    /// <summary>
    /// The end of the batch that starts with an act at <paramref name="firstAt"/>: it holds the acts recorded before
    /// this moment. The batch depends only on its first act, so a run repeated after a crash writes the same mail
    /// (and its Message-ID makes the second copy a no-op).
    /// </summary>
    public static DateTime BatchEnd(DateTime firstAt, TimeSpan window) => firstAt + window;

    /// <summary>The switch a mail is filed under (the outbox purpose, shown to staff): that of its weightiest act.</summary>
    public static string PurposeOf(IReadOnlyList<HomeownerEvent> events) => SwitchOf(Headline(events).Kind);

    /// <summary>The act that names the mail: a merge or move first, then closing, solution, waiting, reply; the latest of its kind.</summary>
    public static HomeownerEvent Headline(IReadOnlyList<HomeownerEvent> events) =>
        events.OrderBy(e => Rank(e.Kind)).ThenByDescending(e => e.EventId).First();

    private static int Rank(ThreadEventKind kind) => kind switch
    {
        ThreadEventKind.MergedInto => 0,
        ThreadEventKind.Moved => 1,
        ThreadEventKind.Closed => 2,
        ThreadEventKind.SolutionProposed => 3,
        ThreadEventKind.AwaitingHomeowner => 4,
        _ => 5,
    };
}
